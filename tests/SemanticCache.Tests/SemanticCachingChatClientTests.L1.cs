using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

/// <summary>The L1 tier in front of the store.</summary>
public sealed partial class SemanticCachingChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_L1Hit_TouchesNeitherStoreNorEmbedder()
    {
        var store = new TestStore();
        using var h = new CacheHarness(o => o.L1 = new SemanticCacheL1Options(), store);
        await h.AskAsync("q");
        var storeOperations = store.Operations;
        var embeddings = h.Embeddings.Calls;

        var hit = await h.AskAsync("q");

        Assert.Equal(SemanticCacheTier.L1, hit.GetSemanticCacheHit()!.Tier);
        Assert.Equal(storeOperations, store.Operations);
        Assert.Equal(embeddings, h.Embeddings.Calls);
    }

    [Fact]
    public async Task Invalidations_EvictFromL1AsWellAsTheStore()
    {
        var store = new TestStore();
        using var h = new CacheHarness(o => o.L1 = new SemanticCacheL1Options(), store);
        await h.AskAsync("tagged", new ChatOptions().WithSemanticCacheTags("t1"));
        await h.AskAsync("partitioned", new ChatOptions().WithSemanticCachePartition("p1"));
        await h.AskAsync("keyed");
        await h.AskAsync("cleared");
        var keyedKey = (await h.AskAsync("keyed")).GetSemanticCacheHit()!.EntryKey;

        await h.Client.Cache.InvalidateByTagAsync("t1", Ct);
        await h.Client.Cache.InvalidatePartitionAsync("p1", Ct);
        await h.Client.Cache.InvalidateAsync(keyedKey, Ct);

        Assert.Null((await h.AskAsync("tagged", new ChatOptions().WithSemanticCacheTags("t1"))).GetSemanticCacheHit());
        Assert.Null((await h.AskAsync("partitioned", new ChatOptions().WithSemanticCachePartition("p1"))).GetSemanticCacheHit());
        Assert.Null((await h.AskAsync("keyed")).GetSemanticCacheHit());
        Assert.Equal(SemanticCacheTier.L1, (await h.AskAsync("cleared")).GetSemanticCacheHit()!.Tier);

        await h.Client.Cache.ClearAsync(Ct);

        Assert.Null((await h.AskAsync("cleared")).GetSemanticCacheHit());
    }

    [Fact]
    public async Task GetResponseAsync_StoreHit_IsReportedToAHitRecordingStore()
    {
        var store = new TestStore();
        using var h = new CacheHarness(store: store);
        await h.AskAsync("q");

        var hit = await h.AskAsync("q");

        await WaitUntilAsync(() => store.RecordedHits.Count == 1);
        Assert.Equal(hit.GetSemanticCacheHit()!.EntryKey, Assert.Single(store.RecordedHits));
    }

    [Fact]
    public async Task GetResponseAsync_L1Hit_IsNotReportedToTheStore()
    {
        var store = new TestStore();
        using var h = new CacheHarness(o => o.L1 = new SemanticCacheL1Options(), store);
        await h.AskAsync("q");

        var hit = await h.AskAsync("q");
        await Task.Delay(100, Ct);

        Assert.Equal(SemanticCacheTier.L1, hit.GetSemanticCacheHit()!.Tier);
        Assert.Empty(store.RecordedHits);
    }
}
