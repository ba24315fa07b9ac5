using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks.Tests;

public sealed class ScenarioRunnerTests
{
    private static ScenarioSettings Settings(bool concurrency = false) => new()
    {
        Prompts = TestPrompts.Create(),
        SimilarityThreshold = 0.5,
        HitIterations = 4,
        WarmupOperations = 2,
        ConcurrencyTest = concurrency,
        ConcurrencyLevels = [1, 3],
        ConcurrentOperations = 6,
    };

    [Fact]
    public async Task RunAsync_Memory_MeasuresEveryScenario()
    {
        var progress = new RecordingProgress();
        var runner = new ScenarioRunner(Settings(concurrency: true), new HashingEmbeddingGenerator(), "hashing", progress);

        var report = await runner.RunAsync([new BackendPlan(ScenarioBackends.Memory, (_, _) => Task.FromResult(ScenarioBackends.CreateMemory()))], TestContext.Current.CancellationToken);

        var backend = Assert.Single(report.Backends);
        Assert.Equal(BackendStatus.Measured, backend.Status);
        Assert.Equal(HashingEmbeddingGenerator.Dimensions, report.Dimensions);
        Assert.Equal(5, report.UniquePrompts);
        Assert.Equal(2, report.VariantPrompts);
        Assert.All(backend.Results, r => Assert.Equal(0, r.Failures));

        var misses = backend.Results.Single(r => r.Scenario == ScenarioNames.MissEndToEnd);
        var lookups = backend.Results.Single(r => r.Scenario == ScenarioNames.MissLookup);
        var writes = backend.Results.Single(r => r.Scenario == ScenarioNames.MissWrite);
        Assert.Equal(5, misses.Operations);
        Assert.Equal(misses.Successes - misses.Hits, lookups.Latency.Samples);
        Assert.Equal(lookups.Latency.Samples, writes.Latency.Samples);
        Assert.True(lookups.Latency.Samples > 0);

        var hits = backend.Results.Single(r => r.Scenario == ScenarioNames.CacheHits);
        Assert.Equal(4, hits.Operations);
        Assert.Equal(4, hits.Hits);
        Assert.Equal(4, hits.Latency.Samples);
        Assert.True(hits.OperationsPerSecond > 0);

        var similarity = backend.Results.Single(r => r.Scenario == ScenarioNames.SemanticSimilarity);
        Assert.Equal(2, similarity.Operations);
        Assert.Equal(2, backend.SimilarityPairs.Count);
        Assert.All(backend.SimilarityPairs, p => Assert.InRange(p.Similarity, 0.5, 1.0)); // the variants share most words with their bases
        Assert.Equal(backend.SimilarityPairs.Count(p => p.Hit), similarity.Hits);
        Assert.Contains(backend.SimilarityPairs, p => p.ServedFromBase);

        foreach (var workload in ScenarioNames.Concurrent)
        {
            Assert.Equal([1, 3], backend.Results.Where(r => r.Scenario == workload).Select(r => r.Concurrency));
        }

        Assert.All(backend.Results.Where(r => r.Scenario == ScenarioNames.ConcurrentReads), r => Assert.Equal(6, r.Hits));
        Assert.All(backend.Results.Where(r => r.Scenario == ScenarioNames.ConcurrentWrites), r => Assert.Equal(0, r.Hits));
        Assert.All(backend.Results.Where(r => r.Scenario == ScenarioNames.Mixed), r => Assert.Equal(5, r.Hits)); // 1 of 6 writes
        Assert.NotNull(backend.MemoryBefore);
        Assert.NotNull(backend.MemoryAfter);
        Assert.True(backend.LookupResults["hit_exact"] > 0);
        Assert.Contains(progress.Started, d => d.StartsWith("memory: concurrent writes", StringComparison.Ordinal));
        Assert.Equal(progress.Started.Count, progress.Completed);
    }

    [Fact]
    public async Task RunAsync_SimulatedLatency_IsNotPartOfLookupOrWrite()
    {
        var settings = Settings() with { LlmLatency = TimeSpan.FromMilliseconds(50), WarmupOperations = 0, HitIterations = 1 };
        var runner = new ScenarioRunner(settings, new HashingEmbeddingGenerator(), "hashing");

        var report = await runner.RunAsync([new BackendPlan(ScenarioBackends.Memory, (_, _) => Task.FromResult(ScenarioBackends.CreateMemory()))], TestContext.Current.CancellationToken);

        var results = report.Backends[0].Results;
        var endToEnd = results.Single(r => r.Scenario == ScenarioNames.MissEndToEnd).Latency;
        var lookup = results.Single(r => r.Scenario == ScenarioNames.MissLookup).Latency;
        var write = results.Single(r => r.Scenario == ScenarioNames.MissWrite).Latency;
        Assert.True(endToEnd.Max >= 40, $"end to end {endToEnd.Max} ms includes the simulated model");
        Assert.True(endToEnd.Mean - lookup.Mean - write.Mean >= 40, "the model's 50 ms are excluded from lookup and write");
    }

    [Fact]
    public async Task RunAsync_UnavailableAndFailingBackends_AreReportedNotThrown()
    {
        var runner = new ScenarioRunner(Settings(), new HashingEmbeddingGenerator(), "hashing");

        var report = await runner.RunAsync(
            [
                new BackendPlan(ScenarioBackends.Scylla, null, "not configured"),
                new BackendPlan(ScenarioBackends.PgVector, (_, _) => throw new InvalidOperationException("connection refused")),
            ],
            TestContext.Current.CancellationToken);

        Assert.Equal(BackendStatus.Unavailable, report.Backends[0].Status);
        Assert.Equal("not configured", report.Backends[0].Message);
        Assert.Equal(BackendStatus.Failed, report.Backends[1].Status);
        Assert.Contains("connection refused", report.Backends[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PgVector_MeasuresAgainstARealServer()
    {
        var connectionString = TestEnvironment.PostgresConnectionString;
        var runner = new ScenarioRunner(Settings(concurrency: true) with { ConcurrencyLevels = [2] }, new HashingEmbeddingGenerator(), "hashing");

        var report = await runner.RunAsync(
            [new BackendPlan(ScenarioBackends.PgVector, (dimensions, ct) => ScenarioBackends.CreatePgVectorAsync(connectionString, dimensions, ct))],
            TestContext.Current.CancellationToken);

        var backend = Assert.Single(report.Backends);
        Assert.Equal(BackendStatus.Measured, backend.Status);
        Assert.All(backend.Results, r => Assert.Equal(0, r.Failures));
        Assert.Equal(4, backend.Results.Single(r => r.Scenario == ScenarioNames.CacheHits).Hits);
        Assert.Equal(6, backend.Results.Single(r => r.Scenario == ScenarioNames.ConcurrentReads).Hits);
        Assert.Contains(backend.SimilarityPairs, p => p.ServedFromBase);
    }

    [Fact]
    public void Constructor_OnlyVariants_ThrowsSetupException()
    {
        var settings = new ScenarioSettings { Prompts = new PromptSet([], "empty") };

        Assert.Throws<BenchmarkSetupException>(() => new ScenarioRunner(settings, new HashingEmbeddingGenerator(), "hashing"));
    }

    private sealed class RecordingProgress : IScenarioProgress, IScenarioProgressTask
    {
        public List<string> Started { get; } = [];

        public int Completed { get; private set; }

        public IScenarioProgressTask Start(string description, int total)
        {
            Started.Add(description);
            return this;
        }

        public void Increment()
        {
        }

        public void Complete() => Completed++;
    }
}
