using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace SemanticCache.Tests;

/// <summary>Fail-open: a broken store or embedder never fails or stalls the call.</summary>
public sealed partial class SemanticCachingChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_StoreThrows_CallAnsweredByModelAndErrorCounted()
    {
        var store = new TestStore { Before = (_, _) => throw new InvalidOperationException("store exploded") };
        using var h = new CacheHarness(store: store);

        var first = await h.AskAsync("q");
        var second = await h.AskAsync("q");

        Assert.Equal("answer to: q", first.Text);
        Assert.Equal("answer to: q", second.Text);
        Assert.Equal(2, h.Inner.Calls);
        var stats = h.Client.Cache.GetStatistics();
        Assert.Equal(2, stats.Count(SemanticCacheLookupResult.Error));
        Assert.Equal(2, stats.WriteFailures);
        Assert.Contains(h.Logs.GetSnapshot(), l => l.Level == LogLevel.Warning && l.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task GetResponseAsync_StoreHangsIgnoringCancellation_AnsweredAfterTheTimeout()
    {
        var hang = new TaskCompletionSource();
        var store = new TestStore { Before = (op, _) => op == "get" ? hang.Task : Task.CompletedTask };
        using var h = new CacheHarness(o => o.LookupTimeout = TimeSpan.FromSeconds(5), store);

        var call = h.AskAsync("q");
        await WaitUntilAsync(() => store.Operations >= 1);
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("answer to: q", response.Text);
        Assert.Equal(1, h.Client.Cache.GetStatistics().Count(SemanticCacheLookupResult.Timeout));
        hang.SetResult();
    }

    [Fact]
    public async Task GetResponseAsync_EmbeddingGeneratorThrows_CallAnsweredByModel()
    {
        using var h = new CacheHarness();
        h.Embeddings.BeforeGenerate = (_, _) => throw new HttpRequestException("embedding service down");

        var response = await h.AskAsync("q");

        Assert.Equal("answer to: q", response.Text);
        Assert.Equal(1, h.Client.Cache.GetStatistics().Count(SemanticCacheLookupResult.Error));
    }

    [Fact]
    public async Task GetResponseAsync_CorruptStoredEntry_TreatedAsMissAndLogged()
    {
        var store = new TestStore();
        using var h = new CacheHarness(store: store);
        await h.AskAsync("q");
        store.OnRead = e => e with { Response = "{not json"u8.ToArray() };

        var response = await h.AskAsync("q");

        Assert.Null(response.GetSemanticCacheHit());
        Assert.Equal(2, h.Inner.Calls);
        Assert.Contains(h.Logs.GetSnapshot(), l => l.Id.Id == 8);
    }

    [Fact]
    public async Task GetResponseAsync_EntryOfAnotherFormatVersion_IsNeverServed()
    {
        var store = new TestStore();
        using var h = new CacheHarness(store: store);
        await h.AskAsync("q");
        store.OnRead = e => e with { FormatVersion = SemanticCacheEntry.CurrentFormatVersion + 1 };

        Assert.Null((await h.AskAsync("q")).GetSemanticCacheHit());
    }

    [Fact]
    public async Task GetResponseAsync_TransientStoreFailure_RetriedWithinTheBudget()
    {
        var failures = 1;
        var store = new TestStore { Before = (op, _) => op == "get" && Interlocked.Decrement(ref failures) >= 0 ? throw new TimeoutException("blip") : Task.CompletedTask };
        using var h = new CacheHarness(o => o.Retry.BaseDelay = TimeSpan.Zero, store);
        await h.AskAsync("warm");
        failures = 1;
        await h.Client.GetResponseAsync(CacheHarness.Prompt("q"), new ChatOptions().WithSemanticCacheRefresh(), Ct);

        var hit = await h.AskAsync("q");

        Assert.NotNull(hit.GetSemanticCacheHit());
    }

    [Fact]
    public async Task CircuitBreaker_OpensAfterConsecutiveFailures_ThenProbesAndCloses()
    {
        var broken = true;
        var store = new TestStore { Before = (_, _) => broken ? throw new InvalidOperationException("down") : Task.CompletedTask };
        using var h = new CacheHarness(
            o =>
            {
                o.CircuitBreaker.FailureThreshold = 3;
                o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
            },
            store);

        for (var i = 0; i < 2; i++)
        {
            await h.AskAsync($"q{i}"); // lookup and write fail: two failures per call
        }

        Assert.Equal(SemanticCacheCircuitState.Open, h.Client.Cache.GetStatistics().CircuitState);
        var operationsWhenOpened = store.Operations;
        await h.AskAsync("while open");
        Assert.Equal(operationsWhenOpened, store.Operations); // the store is skipped entirely
        Assert.Equal("answer to: while open", (await h.AskAsync("while open")).Text);

        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(SemanticCacheCircuitState.HalfOpen, h.Client.Cache.GetStatistics().CircuitState);
        broken = false;
        await h.AskAsync("probe");

        Assert.Equal(SemanticCacheCircuitState.Closed, h.Client.Cache.GetStatistics().CircuitState);
        Assert.NotNull((await h.AskAsync("probe")).GetSemanticCacheHit());
        var events = h.Logs.GetSnapshot().Select(l => l.Id.Id).ToList();
        Assert.Contains(5, events);
        Assert.Contains(6, events);
        Assert.Contains(7, events);
    }

    [Fact]
    public async Task CircuitBreaker_FailedProbe_ReopensTheCircuit()
    {
        var store = new TestStore { Before = (_, _) => throw new InvalidOperationException("still down") };
        using var h = new CacheHarness(o => o.CircuitBreaker.FailureThreshold = 1, store);
        await h.AskAsync("q");
        Assert.Equal(SemanticCacheCircuitState.Open, h.Client.Cache.GetStatistics().CircuitState);

        h.Time.Advance(DefaultBreakDuration);
        await h.AskAsync("q");

        Assert.Equal(SemanticCacheCircuitState.Open, h.Client.Cache.GetStatistics().CircuitState);
    }

    [Fact]
    public async Task GetResponseAsync_BackgroundWriteQueueFull_DropsAndCounts()
    {
        var gate = new TaskCompletionSource();
        var store = new TestStore { Before = (op, _) => op == "upsert" ? gate.Task : Task.CompletedTask };
        using var h = new CacheHarness(
            o =>
            {
                o.WriteMode = SemanticCacheWriteMode.Background;
                o.BackgroundWriteQueueCapacity = 2;
                o.WriteTimeout = TimeSpan.FromMinutes(1);
            },
            store);

        for (var i = 0; i < 6; i++)
        {
            await h.AskAsync($"question {i}");
        }

        var stats = h.Client.Cache.GetStatistics();
        Assert.True(stats.WritesDropped >= 3, $"dropped {stats.WritesDropped}");
        Assert.Contains(h.Logs.GetSnapshot(), l => l.Id.Id == 4);
        gate.SetResult();
    }

    [Fact]
    public async Task GetResponseAsync_BackgroundWrites_AreAllWrittenByDispose()
    {
        var store = new InMemorySemanticCacheStore();
        var inner = new TestChatClient();
        var client = new SemanticCachingChatClient(inner, store, new TestEmbeddingGenerator(), new SemanticCacheOptions { WriteMode = SemanticCacheWriteMode.Background });

        for (var i = 0; i < 20; i++)
        {
            await client.GetResponseAsync(CacheHarness.Prompt($"question {i}"), null, Ct);
        }

        client.Dispose();

        Assert.Equal(20, await store.CountAsync(Ct));
    }

    private static readonly TimeSpan DefaultBreakDuration = new SemanticCacheCircuitBreakerOptions().BreakDuration;
}
