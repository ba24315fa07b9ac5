using SemanticCache.Benchmarks.Support;
using SemanticCache.PgVector;
using SemanticCache.Scylla;

namespace SemanticCache.Benchmarks;

/// <summary>
/// Chooses and creates the backends of the scenario benchmark. Every backend uses its own schema or keyspace,
/// <see cref="Schema"/>, so production data is never touched.
/// </summary>
public static class ScenarioBackends
{
    public const string Memory = "memory";
    public const string PgVector = "pgvector";
    public const string Scylla = "scylla";
    public const string Schema = "llm_cache_benchmark";
    public const string TablePrefix = "scenario_cache_";
    public const string PostgresEnvironmentVariable = "SEMANTICCACHE_TEST_POSTGRES";
    public const string ScyllaEnvironmentVariable = "SEMANTICCACHE_TEST_SCYLLA";

    public static IReadOnlyList<string> All { get; } = [Memory, PgVector, Scylla];

    /// <summary>
    /// Resolves <c>--backends</c>: a comma-separated list or <c>all</c>; when empty, memory plus every backend whose
    /// connection settings are present (option or environment variable).
    /// </summary>
    public static IReadOnlyList<BackendPlan> Plan(
        string? backends, string? postgresConnectionString, string? scyllaContactPoints, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var postgres = NullIfEmpty(postgresConnectionString) ?? NullIfEmpty(environment(PostgresEnvironmentVariable));
        var scylla = NullIfEmpty(scyllaContactPoints) ?? NullIfEmpty(environment(ScyllaEnvironmentVariable));

        IReadOnlyList<string> names;
        if (string.IsNullOrWhiteSpace(backends))
        {
            var chosen = new List<string> { Memory };
            if (postgres is not null)
            {
                chosen.Add(PgVector);
            }

            if (scylla is not null)
            {
                chosen.Add(Scylla);
            }

            names = chosen;
        }
        else if (backends.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            names = All;
        }
        else
        {
            names = backends.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => n.ToLowerInvariant())
                .Distinct()
                .ToArray();
            var unknown = names.Where(n => !All.Contains(n)).ToArray();
            if (unknown.Length > 0 || names.Count == 0)
            {
                throw new BenchmarkSetupException(
                    $"Unknown backend '{string.Join(", ", unknown)}' in --backends. Use a comma-separated list of {string.Join(", ", All)}, or all.");
            }
        }

        return names.Select(name => name switch
        {
            Memory => new BackendPlan(Memory, (_, _) => Task.FromResult(CreateMemory())),
            PgVector => new BackendPlan(PgVector, (dimensions, ct) => CreatePgVectorAsync(postgres, dimensions, ct)),
            _ => scylla is null
                ? new BackendPlan(Scylla, null, $"not configured: set {ScyllaEnvironmentVariable} or --scylla-contact-points")
                : new BackendPlan(Scylla, (dimensions, ct) => CreateScyllaAsync(ScyllaConnectionSettings.Parse(scylla), dimensions, ct)),
        }).ToArray();
    }

    public static ScenarioBackend CreateMemory()
    {
        var store = new InMemorySemanticCacheStore(new InMemorySemanticCacheStoreOptions { MaxEntries = 1_000_000 });
        return new ScenarioBackend(Memory, "InMemorySemanticCacheStore (in-process, exact cosine scan)", store, store.DisposeAsync);
    }

    /// <summary>
    /// A pgvector store in schema <see cref="Schema"/>, emptied. Without a connection string it falls back to
    /// <c>SEMANTICCACHE_TEST_POSTGRES</c>, then to a local server started by <c>scripts/postgres.sh</c>.
    /// </summary>
    public static async Task<ScenarioBackend> CreatePgVectorAsync(string? connectionString, int dimensions, CancellationToken cancellationToken)
    {
        connectionString ??= BenchmarkPostgres.ConnectionString();
        var options = new PgVectorSemanticCacheStoreOptions
        {
            Schema = Schema,
            TableName = TablePrefix + dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture), // one table per vector size
            Dimensions = dimensions,
            SweepInterval = Timeout.InfiniteTimeSpan,
        };
        var store = new PgVectorSemanticCacheStore(connectionString, options);
        try
        {
            await store.EnsureSchemaAsync(cancellationToken);
            await store.ClearAsync(cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        return new ScenarioBackend(PgVector, $"PgVectorSemanticCacheStore ({store.QualifiedTableName}, HNSW cosine)", store, store.DisposeAsync);
    }

    /// <summary>A ScyllaDB (or Cassandra 5) store in keyspace <see cref="Schema"/>, emptied, its vector index ready.</summary>
    public static async Task<ScenarioBackend> CreateScyllaAsync(ScyllaConnectionSettings settings, int dimensions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.CreateOptions(dimensions);
        var store = new ScyllaSemanticCacheStore(options);
        try
        {
            await store.InitializeAsync(cancellationToken);
            await store.ClearAsync(cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        return new ScenarioBackend(Scylla, $"ScyllaSemanticCacheStore ({options.Keyspace}.{options.Table}, {store.Dialect} vector search)", store, store.DisposeAsync)
        {
            // ScyllaDB's vector index follows writes about a second later: let it catch up before variants are asked.
            SettleTime = TimeSpan.FromSeconds(2),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
