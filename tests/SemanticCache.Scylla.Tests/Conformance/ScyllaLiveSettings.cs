using System.Globalization;

namespace SemanticCache.Scylla.Tests;

/// <summary>
/// Parses <c>SEMANTICCACHE_TEST_SCYLLA</c>: <c>key=value</c> pairs separated by <c>;</c>, for example
/// <c>contact_points=node1:9142,node2:9142;user=scylla;password=...;dialect=scylla;tls=true;tls_ca=/path/ca.pem;datacenter=AWS_US_EAST_1</c>.
/// </summary>
/// <remarks>
/// Keys: <c>contact_points</c> (required; <c>host[:port]</c>, comma-separated), <c>user</c>, <c>password</c>,
/// <c>dialect</c> (<c>scylla</c>, <c>cassandra</c> or <c>auto</c>; default auto), <c>tls</c> (<c>true</c>/<c>false</c>),
/// <c>tls_ca</c> (PEM or DER file), <c>tls_server_name</c>, <c>keyspace</c> (default <c>semantic_cache_test</c>),
/// <c>table</c> (default <c>conformance</c>), <c>replication_factor</c> (default 1), <c>datacenter</c> (when set, the
/// keyspace uses NetworkTopologyStrategy with the replication factor in that data center), <c>index_ready_seconds</c>
/// (default 30), <c>search_window_seconds</c> (how long a search may lag a write; default 30 on ScyllaDB, 2 on Cassandra).
/// </remarks>
internal sealed class ScyllaLiveSettings
{
    public const string VariableName = "SEMANTICCACHE_TEST_SCYLLA";

    private ScyllaLiveSettings(Dictionary<string, string> values)
    {
        Values = values;
    }

    public Dictionary<string, string> Values { get; }

    public ScyllaDialect Dialect => Get("dialect")?.ToLowerInvariant() switch
    {
        null or "auto" => ScyllaDialect.Auto,
        "scylla" or "scylladb" => ScyllaDialect.Scylla,
        "cassandra" => ScyllaDialect.Cassandra,
        var other => throw new FormatException($"{VariableName}: dialect '{other}' is not scylla, cassandra or auto."),
    };

    public TimeSpan SearchWindow => TimeSpan.FromSeconds(
        Get("search_window_seconds") is { } seconds ? double.Parse(seconds, CultureInfo.InvariantCulture) : Dialect == ScyllaDialect.Cassandra ? 2 : 30);

    /// <summary>Reads the environment variable, or returns <see langword="null"/> when it is not set.</summary>
    public static ScyllaLiveSettings? FromEnvironment() =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } text ? Parse(text) : null;

    public static ScyllaLiveSettings Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"{VariableName}: '{pair}' is not key=value.");
            }

            values[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }

        if (!values.ContainsKey("contact_points"))
        {
            throw new FormatException($"{VariableName} needs contact_points=host[:port][,host[:port]...].");
        }

        return new ScyllaLiveSettings(values);
    }

    public ScyllaSemanticCacheStoreOptions CreateOptions(int dimensions)
    {
        int replicationFactor = Get("replication_factor") is { } rf ? int.Parse(rf, CultureInfo.InvariantCulture) : 1;
        var options = new ScyllaSemanticCacheStoreOptions
        {
            ContactPoints = [.. Values["contact_points"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Username = Get("user"),
            Password = Get("password"),
            Dialect = Dialect,
            Keyspace = Get("keyspace") ?? "semantic_cache_test",
            Table = $"{Get("table") ?? "conformance"}_d{dimensions}",
            Dimensions = dimensions,
            ReplicationFactor = replicationFactor,
            UseTls = bool.TryParse(Get("tls"), out bool tls) && tls,
            TlsCaCertificatePath = Get("tls_ca"),
            TlsServerName = Get("tls_server_name"),
            IndexReadyTimeout = TimeSpan.FromSeconds(Get("index_ready_seconds") is { } seconds ? double.Parse(seconds, CultureInfo.InvariantCulture) : 30),
            ConnectionsPerHost = 2,
        };
        if (Get("datacenter") is { } dataCenter)
        {
            options.ReplicationStrategy = ScyllaReplicationStrategy.NetworkTopologyStrategy;
            options.DataCenterReplicationFactors[dataCenter] = replicationFactor;
        }

        return options;
    }

    private string? Get(string key) => Values.TryGetValue(key, out string? value) && value.Length > 0 ? value : null;
}
