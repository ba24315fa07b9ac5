using System.Globalization;

namespace SemanticCache.Scylla.Tests;

/// <summary>
/// Parses <c>SEMANTICCACHE_TEST_SCYLLA</c>, a <see cref="ScyllaConnectionString"/>, for example
/// <c>contact_points=node1:9142,node2:9142;user=scylla;password=...;dialect=scylla;tls=true;tls_ca=/path/ca.pem;datacenter=AWS_US_EAST_1</c>.
/// </summary>
/// <remarks>
/// The connection string's keys, with test defaults: <c>keyspace</c> <c>semantic_cache_test</c>, <c>table</c>
/// <c>conformance</c> (suffixed with the dimension), <c>index_ready_seconds</c> 30; and one key of the suite's own,
/// <c>search_window_seconds</c> (how long a search may lag a write; default 30 on ScyllaDB, 2 on Cassandra).
/// </remarks>
internal sealed class ScyllaLiveSettings
{
    public const string VariableName = "SEMANTICCACHE_TEST_SCYLLA";

    private readonly ScyllaConnectionString _connection;

    private ScyllaLiveSettings(ScyllaConnectionString connection) => _connection = connection;

    public ScyllaDialect Dialect => CreateOptions(1).Dialect;

    public TimeSpan SearchWindow => TimeSpan.FromSeconds(
        _connection["search_window_seconds"] is { } seconds ? double.Parse(seconds, CultureInfo.InvariantCulture) : Dialect == ScyllaDialect.Cassandra ? 2 : 30);

    /// <summary>Reads the environment variable, or returns <see langword="null"/> when it is not set.</summary>
    public static ScyllaLiveSettings? FromEnvironment() =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } text ? Parse(text) : null;

    public static ScyllaLiveSettings Parse(string text)
    {
        try
        {
            return new ScyllaLiveSettings(ScyllaConnectionString.Parse(text));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{VariableName}: {ex.Message}", ex);
        }
    }

    public ScyllaSemanticCacheStoreOptions CreateOptions(int dimensions)
    {
        var options = new ScyllaSemanticCacheStoreOptions
        {
            Keyspace = "semantic_cache_test",
            IndexReadyTimeout = TimeSpan.FromSeconds(30),
            ConnectionsPerHost = 2,
        };
        _connection.ApplyTo(options);
        options.Table = $"{_connection["table"] ?? "conformance"}_d{dimensions}";
        options.Dimensions = dimensions;
        return options;
    }
}
