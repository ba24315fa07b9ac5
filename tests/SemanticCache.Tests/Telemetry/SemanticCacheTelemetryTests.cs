using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace SemanticCache.Tests;

public sealed class SemanticCacheTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lookups_AreCountedByResultAndTier()
    {
        using var h = new CacheHarness(o => o.SimilarityThreshold = 0.5);
        using var lookups = new MetricCollector<long>(h.Client.Engine.Telemetry.Meter, "semantic_cache.lookups");

        await h.AskAsync("how to boil an egg");
        await h.AskAsync("how to boil an egg");
        await h.AskAsync("how to boil eggs");
        await h.AskAsync("q", new ChatOptions().WithSemanticCacheBypass());

        var results = lookups.GetMeasurementSnapshot().Select(m => (string)m.Tags["semantic_cache.result"]!).ToList();
        Assert.Equal(["miss", "hit-exact", "hit-semantic", "bypass"], results);
        var tiers = lookups.GetMeasurementSnapshot().Select(m => (string)m.Tags["semantic_cache.tier"]!).ToList();
        Assert.Equal(["none", "store", "store", "none"], tiers);
        Assert.All(lookups.GetMeasurementSnapshot(), m => Assert.Equal(h.Options.CacheName, m.Tags["semantic_cache.name"]));
    }

    [Fact]
    public async Task Durations_SimilarityAndWrites_AreRecorded()
    {
        using var h = new CacheHarness(o => o.SimilarityThreshold = 0.5);
        var meter = h.Client.Engine.Telemetry.Meter;
        using var lookupDuration = new MetricCollector<double>(meter, "semantic_cache.lookup.duration");
        using var embeddingDuration = new MetricCollector<double>(meter, "semantic_cache.embedding.duration");
        using var storeDuration = new MetricCollector<double>(meter, "semantic_cache.store.operation.duration");
        using var similarity = new MetricCollector<double>(meter, "semantic_cache.similarity");
        using var written = new MetricCollector<long>(meter, "semantic_cache.entries.written");

        await h.AskAsync("how to boil an egg");
        await h.AskAsync("how to boil eggs");

        Assert.Equal(2, lookupDuration.GetMeasurementSnapshot().Count);
        Assert.Equal(2, embeddingDuration.GetMeasurementSnapshot().Count);
        Assert.Equal(["get", "search", "upsert", "get", "search"], storeDuration.GetMeasurementSnapshot().Select(m => (string)m.Tags["semantic_cache.store.operation"]!));
        Assert.InRange(similarity.LastMeasurement!.Value, 0.5, 1.0);
        Assert.Equal(1, written.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal("s", lookupDuration.Instrument!.Unit);
        Assert.Equal("1", similarity.Instrument!.Unit);
    }

    [Fact]
    public async Task WriteFailures_AndCircuitState_AreExported()
    {
        var store = new TestStore { Before = (_, _) => throw new InvalidOperationException("down") };
        using var h = new CacheHarness(o => o.CircuitBreaker.FailureThreshold = 2, store);
        var meter = h.Client.Engine.Telemetry.Meter;
        using var failures = new MetricCollector<long>(meter, "semantic_cache.write.failures");
        using var transitions = new MetricCollector<long>(meter, "semantic_cache.circuit_breaker.transitions");
        using var state = new MetricCollector<int>(meter, "semantic_cache.circuit_breaker.state");

        await h.AskAsync("q");
        await h.AskAsync("q2");
        state.RecordObservableInstruments();

        Assert.Equal(["error", "circuit_open"], failures.GetMeasurementSnapshot().Select(m => (string)m.Tags["semantic_cache.reason"]!));
        Assert.Equal("open", transitions.LastMeasurement!.Tags["semantic_cache.circuit_breaker.state"]);
        Assert.Equal((int)SemanticCacheCircuitState.Open, state.LastMeasurement!.Value);
    }

    [Fact]
    public async Task Activities_CarryResultAndSimilarity_ButNoPromptByDefault()
    {
        using var h = new CacheHarness(o => o.SimilarityThreshold = 0.5);
        var activities = new List<Activity>();
        using var listener = Listen(activities, h.Options.CacheName);

        await h.AskAsync("secret prompt about salaries");
        await h.AskAsync("secret prompt about salary");

        var lookups = activities.Where(a => a.OperationName == "semantic_cache.lookup").ToList();
        Assert.Equal(2, lookups.Count);
        Assert.Equal("hit-semantic", lookups[1].GetTagItem("semantic_cache.result"));
        Assert.IsType<double>(lookups[1].GetTagItem("semantic_cache.similarity"));
        Assert.Contains(activities, a => a.OperationName == "semantic_cache.embed");
        Assert.Contains(activities, a => a.OperationName == "semantic_cache.store.search");
        Assert.Contains(activities, a => a.OperationName == "semantic_cache.store.upsert");
        Assert.DoesNotContain(activities.SelectMany(a => a.TagObjects), t => t.Value is string s && s.Contains("salar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Activities_WithSensitiveDataOn_CarryThePrompt()
    {
        using var h = new CacheHarness(o => o.EnableSensitiveData = true);
        var activities = new List<Activity>();
        using var listener = Listen(activities, h.Options.CacheName);

        await h.AskAsync("visible prompt");

        Assert.Equal("visible prompt", activities.Single(a => a.OperationName == "semantic_cache.lookup").GetTagItem("semantic_cache.prompt"));
    }

    [Fact]
    public async Task Logs_NeverContainPromptOrResponseText_ByDefault()
    {
        var store = new TestStore();
        using var h = new CacheHarness(o => o.CircuitBreaker.FailureThreshold = 1, store);
        h.Inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer("classified answer"));

        await h.AskAsync("confidential question");
        await h.AskAsync("confidential question");
        store.Before = (_, _) => throw new InvalidOperationException("down");
        await h.AskAsync("confidential question two");

        var logs = h.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, l => l.Message.Contains("confidential", StringComparison.Ordinal) || l.Message.Contains("classified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_WithSensitiveDataOn_TracePrompt()
    {
        using var h = new CacheHarness(o => o.EnableSensitiveData = true);

        await h.AskAsync("a prompt worth tracing");

        Assert.Contains(h.Logs.GetSnapshot(), l => l.Id.Id == 11 && l.Message.Contains("a prompt worth tracing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetStatistics_ReportsCountsRatioAndLatencies()
    {
        CacheHarness? harness = null;
        var store = new TestStore
        {
            Before = (op, _) =>
            {
                if (op == "get")
                {
                    harness!.Time.Advance(TimeSpan.FromMilliseconds(10)); // each store lookup "takes" 10 ms
                }

                return Task.CompletedTask;
            },
        };
        using var h = harness = new CacheHarness(o => o.L1 = new SemanticCacheL1Options(), store);

        await h.AskAsync("a");
        await h.AskAsync("a");
        await h.AskAsync("b");
        await h.AskAsync("a", new ChatOptions().WithSemanticCacheBypass());

        var stats = h.Client.Cache.GetStatistics();
        Assert.Equal(4, stats.Lookups);
        Assert.Equal(1, stats.Hits);
        Assert.Equal(1, stats.HitsByTier[SemanticCacheTier.L1]);
        Assert.Equal(2, stats.Count(SemanticCacheLookupResult.Miss));
        Assert.Equal(1.0 / 3, stats.HitRatio, 1e-9);
        Assert.Equal(2, stats.EntriesWritten);
        Assert.Equal(20.0 / 3, stats.MeanLookupDuration.TotalMilliseconds, 0.01);
        Assert.Equal(TimeSpan.FromMilliseconds(10), stats.P95LookupDuration);
    }

    private static ActivityListener Listen(List<Activity> activities, string cacheName)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SemanticCacheDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("semantic_cache.name"), cacheName))
                {
                    lock (activities)
                    {
                        activities.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
