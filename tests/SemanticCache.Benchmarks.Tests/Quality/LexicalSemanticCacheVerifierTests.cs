using SemanticCache.Benchmarks.Quality;

namespace SemanticCache.Benchmarks.Tests;

public sealed class LexicalSemanticCacheVerifierTests
{
    private readonly LexicalSemanticCacheVerifier _verifier = new();

    [Theory]
    [InlineData("How do I reset my password?", "How can I reset my password")]
    [InlineData("What is the capital of France?", "what's the capital of france")]
    [InlineData("Explain recursion to me", "Can you explain recursion?")]
    [InlineData("Book 2 tickets to Paris", "Please book 2 tickets to paris")]
    [InlineData("Is it safe to eat raw eggs?", "Are raw eggs safe to eat?")]
    public void Agrees_Paraphrases_Accepted(string first, string second) => Assert.True(_verifier.Agrees(first, second));

    [Theory]
    [InlineData("Book 2 tickets to Paris", "Book 3 tickets to Paris")]
    [InlineData("What was the GDP in 2019?", "What was the GDP in 2020?")]
    [InlineData("Is it safe to eat raw eggs?", "Is it not safe to eat raw eggs?")]
    [InlineData("Can I cancel my order?", "Can't I cancel my order?")]
    [InlineData("How do I sort a list in Python?", "How do I sort a list in Java?")]
    [InlineData("How do I cancel my subscription?", "How do I cancel my order?")]
    public void Agrees_NumbersNegationOrRareWordsDiffer_Rejected(string first, string second) => Assert.False(_verifier.Agrees(first, second));

    [Fact]
    public void Agrees_NumbersFormattedDifferently_CompareEqual() => Assert.True(_verifier.Agrees("Transfer 1,000 dollars", "transfer 1000.00 dollars"));

    [Fact]
    public void Agrees_ChecksDisabled_Accepts()
    {
        var lenient = new LexicalSemanticCacheVerifier(new LexicalSemanticCacheVerifierOptions { CompareNumbers = false, CompareNegations = false, CompareRareWords = false });

        Assert.True(lenient.Agrees("Book 2 tickets to Paris", "Don't book 3 tickets to Rome"));
    }

    [Fact]
    public void Agrees_RareWordAllowance_ToleratesOneDifference()
    {
        var tolerant = new LexicalSemanticCacheVerifier(new LexicalSemanticCacheVerifierOptions { MaxRareWordDifferences = 1 });

        Assert.True(tolerant.Agrees("Deploy the kubernetes cluster", "Deploy the cluster"));
        Assert.False(tolerant.Agrees("Deploy the kubernetes cluster", "Deploy the nomad cluster"));
    }

    [Fact]
    public async Task VerifyAsync_ComparesQueryWithTheCandidatesPrompt()
    {
        var candidate = new SemanticCacheEntry
        {
            Key = "k",
            ScopeHash = "s",
            EmbeddedText = "Book 2 tickets",
            Vector = new float[1],
            Response = Array.Empty<byte>(),
        };

        Assert.True(await _verifier.VerifyAsync("book 2 tickets please", candidate, 0.9, TestContext.Current.CancellationToken));
        Assert.False(await _verifier.VerifyAsync("book 5 tickets", candidate, 0.9, TestContext.Current.CancellationToken));
    }
}
