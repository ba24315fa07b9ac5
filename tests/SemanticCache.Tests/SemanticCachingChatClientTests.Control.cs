using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

/// <summary>Per-request control and time to live.</summary>
public sealed partial class SemanticCachingChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_Bypass_NeitherReadsNorWrites()
    {
        using var h = new CacheHarness();
        await h.AskAsync("q");

        var bypassed = await h.AskAsync("q", new ChatOptions().WithSemanticCacheBypass());
        await h.AskAsync("new one", new ChatOptions().WithSemanticCacheBypass());

        Assert.Null(bypassed.GetSemanticCacheHit());
        Assert.Equal(1, await h.Store.CountAsync(Ct));
        Assert.Equal(3, h.Inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_Refresh_SkipsReadButReplacesEntry()
    {
        using var h = new CacheHarness();
        var answers = new Queue<string>(["old answer", "new answer"]);
        h.Inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer(answers.Dequeue()));
        await h.AskAsync("q");

        var refreshed = await h.AskAsync("q", new ChatOptions().WithSemanticCacheRefresh());
        var hit = await h.AskAsync("q");

        Assert.Null(refreshed.GetSemanticCacheHit());
        Assert.Equal("new answer", refreshed.Text);
        Assert.Equal("new answer", hit.Text);
        Assert.Equal(1, await h.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task GetResponseAsync_ThresholdOverride_AppliesToThatRequestOnly()
    {
        using var h = new CacheHarness(o => o.SimilarityThreshold = 0.99);
        h.Embeddings.Set("a", Unit([1, 0])).Set("b", Unit([0.8f, 0.6f])).Set("c", Unit([0.8f, 0.6f]));
        await h.AskAsync("a");

        var loose = await h.AskAsync("b", new ChatOptions().WithSemanticCacheThreshold(0.75));
        var strict = await h.AskAsync("c");

        Assert.Null(strict.GetSemanticCacheHit());
        Assert.Equal(SemanticCacheHitKind.Semantic, loose.GetSemanticCacheHit()!.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_ThresholdOverrideKeyedByHand_AcceptsJsonAndRejectsGarbage()
    {
        using var h = new CacheHarness();
        var garbage = new ChatOptions { AdditionalProperties = new() { [SemanticCacheRequestKeys.Threshold] = "very similar" } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => h.AskAsync("q", garbage));

        Assert.Contains(SemanticCacheRequestKeys.Threshold, ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChatOptions().WithSemanticCacheThreshold(1.2));
    }

    [Fact]
    public async Task GetResponseAsync_DefaultTimeToLive_EntryExpiresAndIsNeverServedAfter()
    {
        using var h = new CacheHarness(o => o.DefaultTimeToLive = TimeSpan.FromMinutes(30));
        await h.AskAsync("q");

        h.Time.Advance(TimeSpan.FromMinutes(29));
        var before = await h.AskAsync("q");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await h.AskAsync("q");

        Assert.NotNull(before.GetSemanticCacheHit());
        Assert.Null(after.GetSemanticCacheHit());
        Assert.Equal(2, h.Inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_TimeToLiveOverride_AppliesToThatEntry()
    {
        using var h = new CacheHarness(o => o.DefaultTimeToLive = TimeSpan.FromDays(1));
        await h.AskAsync("short-lived", new ChatOptions().WithSemanticCacheTimeToLive(TimeSpan.FromSeconds(10)));
        await h.AskAsync("long-lived");

        h.Time.Advance(TimeSpan.FromSeconds(11));

        Assert.Null((await h.AskAsync("short-lived")).GetSemanticCacheHit());
        Assert.NotNull((await h.AskAsync("long-lived")).GetSemanticCacheHit());
    }

    [Fact]
    public async Task GetResponseAsync_NoDefaultTimeToLive_EntryNeverExpires()
    {
        using var h = new CacheHarness(o => o.DefaultTimeToLive = null);
        await h.AskAsync("q");

        h.Time.Advance(TimeSpan.FromDays(3650));

        Assert.NotNull((await h.AskAsync("q")).GetSemanticCacheHit());
    }

    [Fact]
    public async Task GetResponseAsync_TimeToLivePolicy_DecidesLifetimeOrSkipsStoring()
    {
        using var h = new CacheHarness(o => o.TimeToLivePolicy = context =>
            context.Messages[^1].Text.Contains("today", StringComparison.OrdinalIgnoreCase) ? SemanticCacheTtlDecision.DoNotCache
            : context.Messages[^1].Text.StartsWith("FAQ", StringComparison.Ordinal) ? SemanticCacheTtlDecision.NeverExpire
            : SemanticCacheTtlDecision.Expire(TimeSpan.FromMinutes(5)));

        await h.AskAsync("What happened today?");
        await h.AskAsync("FAQ: opening hours");
        await h.AskAsync("Explain recursion");
        h.Time.Advance(TimeSpan.FromHours(1));

        Assert.Null((await h.AskAsync("What happened today?")).GetSemanticCacheHit());
        Assert.NotNull((await h.AskAsync("FAQ: opening hours")).GetSemanticCacheHit());
        Assert.Null((await h.AskAsync("Explain recursion")).GetSemanticCacheHit());
    }

    [Fact]
    public async Task GetResponseAsync_Tags_AreStoredWithTheEntry()
    {
        using var h = new CacheHarness();

        await h.AskAsync("q", new ChatOptions().WithSemanticCacheTags("pricing", "v2"));

        var entry = await h.Store.GetAsync((await h.AskAsync("q")).GetSemanticCacheHit()!.EntryKey, Ct);
        Assert.Equal(["pricing", "v2"], entry!.Tags);
    }

    [Fact]
    public async Task GetResponseAsync_PartitionFromRequest_OverridesProviderAndIsolates()
    {
        using var h = new CacheHarness(o => o.PartitionProvider = (_, _) => "from-provider");
        await h.AskAsync("q", new ChatOptions().WithSemanticCachePartition("tenant-1"));

        var otherTenant = await h.AskAsync("q", new ChatOptions().WithSemanticCachePartition("tenant-2"));
        var providerTenant = await h.AskAsync("q");
        var sameTenant = await h.AskAsync("q", new ChatOptions().WithSemanticCachePartition("tenant-1"));

        Assert.Null(otherTenant.GetSemanticCacheHit());
        Assert.Null(providerTenant.GetSemanticCacheHit());
        Assert.NotNull(sameTenant.GetSemanticCacheHit());
        var entry = await h.Store.GetAsync(sameTenant.GetSemanticCacheHit()!.EntryKey, Ct);
        Assert.Equal("tenant-1", entry!.Partition);
    }
}
