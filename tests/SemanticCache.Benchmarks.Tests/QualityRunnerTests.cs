using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks.Tests;

public sealed class QualityRunnerTests
{
    private static readonly QualityPair[] Pairs =
    [
        new(0, "How do I cook rice in a pot", "How can I cook rice in a pot", true),
        new(1, "What is the capital of France", "What is the capital of Spain", false),
        new(2, "Best laptop for programming students", "Best laptop for programming students", true),
        new(3, "How many legs does a spider have", "How many legs do 3 spiders have", false),
    ];

    [Fact]
    public async Task RunAsync_ScoresEachQueryByTheEntryTheCacheServes()
    {
        var runner = new QualityRunner(new HashingEmbeddingGenerator());

        var run = await runner.RunAsync(Pairs, null, "plain", TestContext.Current.CancellationToken);

        Assert.Equal(4, run.Scored.Count);
        Assert.Equal(4, run.Entries);
        Assert.Equal(2, run.Duplicates);
        Assert.Equal(4, run.Served);
        Assert.True(run.Scored[0].IsSameMeaning);
        Assert.InRange(run.Scored[0].Similarity, 0.8, 0.99);
        Assert.False(run.Scored[1].IsSameMeaning); // served its partner, labelled different
        Assert.Equal(new SemanticCacheScoredPair(1, true), run.Scored[2]); // identical text: an exact hit
        Assert.False(run.Scored[3].IsSameMeaning);
    }

    [Fact]
    public async Task RunAsync_WithLexicalVerifier_RejectsCandidatesWithOtherNumbersOrNames()
    {
        var runner = new QualityRunner(new HashingEmbeddingGenerator());

        var run = await runner.RunAsync(Pairs, new LexicalSemanticCacheVerifier(), "verified", TestContext.Current.CancellationToken);

        Assert.True(run.Scored[0].IsSameMeaning);
        Assert.Equal(QualityRun.NotServed, run.Scored[1].Similarity); // France is not Spain, and no other entry agrees
        Assert.Equal(QualityRun.NotServed, run.Scored[3].Similarity); // "3 spiders" has a number the entry lacks
    }

    [Fact]
    public async Task RunAsync_QueriesThatMiss_AreNotCachedForLaterQueries()
    {
        var pairs = new QualityPair[]
        {
            new(0, "alpha beta gamma", "delta epsilon zeta", false),
            new(1, "eta theta iota", "delta epsilon zeta eta", false),
        };
        var runner = new QualityRunner(new HashingEmbeddingGenerator());

        var run = await runner.RunAsync(pairs, new LexicalSemanticCacheVerifier(), "misses", TestContext.Current.CancellationToken);

        // Had the first query been stored, the second would have been served from it.
        Assert.All(run.Scored, s => Assert.Equal(QualityRun.NotServed, s.Similarity));
    }

    [Theory]
    [InlineData("  Hello   World ", "hello world")]
    [InlineData("A\tB\nC", "a b c")]
    public void Normalize_LowerCasesAndCollapsesWhiteSpace(string text, string expected)
    {
        Assert.Equal(expected, QualityRunner.Normalize(text));
    }
}
