using SemanticCache.Benchmarks.Quality;
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

        var run = await runner.RunAsync(Pairs, null, null, "plain", TestContext.Current.CancellationToken);

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

        var run = await runner.RunAsync(Pairs, null, new LexicalSemanticCacheVerifier(), "verified", TestContext.Current.CancellationToken);

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

        var run = await runner.RunAsync(pairs, null, new LexicalSemanticCacheVerifier(), "misses", TestContext.Current.CancellationToken);

        // Had the first query been stored, the second would have been served from it.
        Assert.All(run.Scored, s => Assert.Equal(QualityRun.NotServed, s.Similarity));
    }

    [Fact]
    public async Task RunAsync_ServedEntryOfAnotherPair_IsCorrectWhenLabelsConnectThem()
    {
        var pairs = new QualityPair[]
        {
            new(0, "how can i learn guitar fast", "how do i learn guitar quickly", true),
            new(1, "how do i learn guitar quickly", "what is the best way to learn guitar", true),
        };
        var runner = new QualityRunner(new HashingEmbeddingGenerator());
        var onlyTheFirst = pairs[..1];

        var alone = await runner.RunAsync(onlyTheFirst, new SameMeaningIndex(onlyTheFirst), null, "alone", TestContext.Current.CancellationToken);
        var connected = await runner.RunAsync(
            [new(2, "how can i learn guitar fast", "what is the best way to learn guitar", false)], new SameMeaningIndex(pairs), null, "connected", TestContext.Current.CancellationToken);

        Assert.True(alone.Scored[0].IsSameMeaning);
        Assert.True(connected.Scored[0].IsSameMeaning); // fast ~ quickly ~ best way, through the question graph
    }
}
