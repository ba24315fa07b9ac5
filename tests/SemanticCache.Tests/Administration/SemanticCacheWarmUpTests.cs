using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

public sealed class SemanticCacheWarmUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WarmUpAsync_ThousandPairs_ReportsProgressAndMakesEachPromptAnExactHit()
    {
        using var h = new CacheHarness(o => o.WarmUpBatchSize = 64);
        var items = Enumerable.Range(0, 1000).Select(i => new SemanticCacheWarmUpItem($"FAQ question number {i}", $"FAQ answer {i}")).ToList();
        var reports = new List<SemanticCacheWarmUpProgress>();

        var result = await h.Client.Cache.WarmUpAsync(items, new SynchronousProgress(reports), Ct);

        Assert.Equal(new SemanticCacheWarmUpProgress(1000, 1000, 0), result);
        Assert.Equal(16, reports.Count); // 1000 / 64, rounded up
        Assert.Equal(reports.OrderBy(r => r.Processed), reports);
        Assert.Equal(16, h.Embeddings.Calls);
        Assert.Equal(1000, await h.Store.CountAsync(Ct));
        foreach (var i in new[] { 0, 1, 499, 999 })
        {
            var response = await h.AskAsync($"FAQ question number {i}");
            Assert.Equal(SemanticCacheHitKind.Exact, response.GetSemanticCacheHit()!.Kind);
            Assert.Equal($"FAQ answer {i}", response.Text);
        }

        Assert.Equal(0, h.Inner.Calls);
    }

    [Fact]
    public async Task WarmUpAsync_ThroughClient_ScopesByTheInnerDefaultModel()
    {
        using var h = new CacheHarness();
        h.Inner.Metadata = new ChatClientMetadata("p", null, "client-default-model");

        await h.Client.Cache.WarmUpAsync([new SemanticCacheWarmUpItem("hello", "hi!")], cancellationToken: Ct);

        Assert.NotNull((await h.AskAsync("hello")).GetSemanticCacheHit());
    }

    [Fact]
    public async Task WarmUpAsync_ItemsWithoutUserText_AreSkippedAndCounted()
    {
        using var h = new CacheHarness();
        var items = new[]
        {
            new SemanticCacheWarmUpItem("fine", "ok"),
            new SemanticCacheWarmUpItem([new ChatMessage(ChatRole.System, "only a system prompt")], TestChatClient.Answer("x")),
            new SemanticCacheWarmUpItem("   ", "blank prompt"),
        };

        var result = await h.Client.Cache.WarmUpAsync(items, cancellationToken: Ct);

        Assert.Equal(new SemanticCacheWarmUpProgress(3, 1, 2), result);
    }

    [Fact]
    public async Task WarmUpAsync_OptionsCarryTagsAndPartition()
    {
        using var h = new CacheHarness();
        var options = new ChatOptions().WithSemanticCacheTags("faq").WithSemanticCachePartition("tenant-1");

        await h.Client.Cache.WarmUpAsync([new SemanticCacheWarmUpItem("opening hours?", "9 to 5", options)], cancellationToken: Ct);

        Assert.Null((await h.AskAsync("opening hours?")).GetSemanticCacheHit());
        Assert.NotNull((await h.AskAsync("opening hours?", new ChatOptions().WithSemanticCachePartition("tenant-1"))).GetSemanticCacheHit());
        Assert.Equal(1, await h.Client.Cache.InvalidateByTagAsync("faq", Ct));
    }

    [Fact]
    public async Task Invalidations_WhenStoreFails_Throw()
    {
        var store = new TestStore { Before = (_, _) => throw new InvalidOperationException("down") };
        using var h = new CacheHarness(store: store);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await h.Client.Cache.InvalidateAsync("k", Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await h.Client.Cache.ClearAsync(Ct));
    }

    [Fact]
    public async Task InvalidateByTagsAsync_MatchAll_RemovesOnlyEntriesWithEveryTag()
    {
        using var h = new CacheHarness();
        await h.AskAsync("a", new ChatOptions().WithSemanticCacheTags("x", "y"));
        await h.AskAsync("b", new ChatOptions().WithSemanticCacheTags("x"));

        Assert.Equal(1, await h.Client.Cache.InvalidateByTagsAsync(["x", "y"], matchAll: true, Ct));
        Assert.Equal(1, await h.Store.CountAsync(Ct));
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which would race the assertions).</summary>
    private sealed class SynchronousProgress(List<SemanticCacheWarmUpProgress> reports) : IProgress<SemanticCacheWarmUpProgress>
    {
        public void Report(SemanticCacheWarmUpProgress value) => reports.Add(value);
    }
}
