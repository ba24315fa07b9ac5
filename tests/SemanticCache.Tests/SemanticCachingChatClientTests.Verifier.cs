namespace SemanticCache.Tests;

/// <summary>The verification hook.</summary>
public sealed partial class SemanticCachingChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_VerifierRejects_SemanticCandidateIsAMiss()
    {
        using var h = new CacheHarness(o =>
        {
            o.SimilarityThreshold = 0.5;
            o.Verifier = new SameDigitsVerifier();
        });

        await h.AskAsync("book 2 tickets to paris");
        var different = await h.AskAsync("book 3 tickets to paris");
        var same = await h.AskAsync("please book 2 tickets to paris");

        Assert.Null(different.GetSemanticCacheHit());
        Assert.Equal(SemanticCacheHitKind.Semantic, same.GetSemanticCacheHit()!.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_VerifierThrows_CandidateIsNotServed()
    {
        using var h = new CacheHarness(o =>
        {
            o.SimilarityThreshold = 0.5;
            o.Verifier = new ThrowingVerifier();
        });

        await h.AskAsync("how to boil an egg");
        var response = await h.AskAsync("how to boil eggs");

        Assert.Null(response.GetSemanticCacheHit());
        Assert.Equal(2, h.Inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_VerifierAskedAboutAtMostKCandidates()
    {
        var verifier = new CountingVerifier();
        using var h = new CacheHarness(o =>
        {
            o.SimilarityThreshold = 0.1;
            o.MaxCandidates = 10;
            o.VerificationCandidates = 2;
            o.Verifier = verifier;
        });
        for (var i = 0; i < 5; i++)
        {
            await h.AskAsync($"boil egg variant {i}");
        }

        verifier.Calls = 0;
        var response = await h.AskAsync("boil egg");

        Assert.Null(response.GetSemanticCacheHit());
        Assert.Equal(2, verifier.Calls);
    }

    /// <summary>Rejects a candidate whose prompt does not contain the query's digits in the same order.</summary>
    private sealed class SameDigitsVerifier : ISemanticCacheVerifier
    {
        public ValueTask<bool> VerifyAsync(string query, SemanticCacheEntry candidate, double similarity, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Digits(query) == Digits(candidate.EmbeddedText));

        private static string Digits(string text) => new(text.Where(char.IsDigit).ToArray());
    }

    private sealed class ThrowingVerifier : ISemanticCacheVerifier
    {
        public ValueTask<bool> VerifyAsync(string query, SemanticCacheEntry candidate, double similarity, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("judge unavailable");
    }

    private sealed class CountingVerifier : ISemanticCacheVerifier
    {
        public int Calls { get; set; }

        public ValueTask<bool> VerifyAsync(string query, SemanticCacheEntry candidate, double similarity, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult(false);
        }
    }
}
