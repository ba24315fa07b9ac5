namespace SemanticCache.Benchmarks.Tests;

public sealed class ScenarioBackendsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Plan_Default_IsMemoryOnlyWithoutConnectionSettings()
    {
        var plans = ScenarioBackends.Plan(null, null, null, NoEnvironment);

        Assert.Equal([ScenarioBackends.Memory], plans.Select(p => p.Name));
    }

    [Fact]
    public void Plan_Default_AddsEveryConfiguredBackend()
    {
        var environment = new Dictionary<string, string?>
        {
            [ScenarioBackends.PostgresEnvironmentVariable] = "Host=localhost",
            [ScenarioBackends.ScyllaEnvironmentVariable] = "contact_points=localhost:9042",
        };

        var plans = ScenarioBackends.Plan(string.Empty, null, null, name => environment.GetValueOrDefault(name));

        Assert.Equal([ScenarioBackends.Memory, ScenarioBackends.PgVector, ScenarioBackends.Scylla], plans.Select(p => p.Name));
        Assert.All(plans, p => Assert.NotNull(p.CreateAsync));
    }

    [Fact]
    public void Plan_DefaultWithOptions_AddsThoseBackends()
    {
        var plans = ScenarioBackends.Plan(null, "Host=localhost", "localhost", NoEnvironment);

        Assert.Equal([ScenarioBackends.Memory, ScenarioBackends.PgVector, ScenarioBackends.Scylla], plans.Select(p => p.Name));
    }

    [Fact]
    public void Plan_All_ReportsUnconfiguredScyllaAsUnavailable()
    {
        var plans = ScenarioBackends.Plan("all", null, null, NoEnvironment);

        Assert.Equal(ScenarioBackends.All, plans.Select(p => p.Name));
        var scylla = plans.Single(p => p.Name == ScenarioBackends.Scylla);
        Assert.Null(scylla.CreateAsync);
        Assert.Contains("SEMANTICCACHE_TEST_SCYLLA", scylla.UnavailableReason, StringComparison.Ordinal);
        Assert.NotNull(plans.Single(p => p.Name == ScenarioBackends.PgVector).CreateAsync); // falls back to scripts/postgres.sh
    }

    [Fact]
    public void Plan_List_KeepsOrderAndDropsDuplicates()
    {
        var plans = ScenarioBackends.Plan(" PgVector, memory ,pgvector", null, null, NoEnvironment);

        Assert.Equal([ScenarioBackends.PgVector, ScenarioBackends.Memory], plans.Select(p => p.Name));
    }

    [Fact]
    public void Plan_UnknownBackend_ThrowsSetupException()
    {
        var exception = Assert.Throws<BenchmarkSetupException>(() => ScenarioBackends.Plan("memory,redis", null, null, NoEnvironment));

        Assert.Contains("redis", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateMemory_IsAnEmptyInMemoryStore()
    {
        await using var backend = ScenarioBackends.CreateMemory();

        Assert.IsType<InMemorySemanticCacheStore>(backend.Store);
        Assert.Equal(0, await backend.Store.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreatePgVectorAsync_UsesTheBenchmarkSchemaAndStartsEmpty()
    {
        var connectionString = TestEnvironment.PostgresConnectionString;
        var ct = TestContext.Current.CancellationToken;
        await using (var first = await ScenarioBackends.CreatePgVectorAsync(connectionString, 8, ct))
        {
            await first.Store.UpsertAsync(
                new SemanticCacheEntry
                {
                    Key = "k",
                    ScopeHash = "s",
                    Partition = string.Empty,
                    EmbeddedText = "t",
                    Vector = new float[] { 1, 0, 0, 0, 0, 0, 0, 0 },
                    Response = new byte[] { 1 },
                    CreatedAt = TimeProvider.System.GetUtcNow(),
                },
                ct);
            Assert.Equal(1, await first.Store.CountAsync(ct));
            Assert.Contains("llm_cache_benchmark", first.Description, StringComparison.Ordinal);
        }

        await using var second = await ScenarioBackends.CreatePgVectorAsync(connectionString, 8, ct);
        Assert.Equal(0, await second.Store.CountAsync(ct));
    }
}
