using System.Globalization;
using SemanticCache.Scylla;

namespace SemanticCache.Benchmarks;

/// <summary>
/// The Scylla connection of the scenario benchmark: either a plain list of contact points (<c>host[:port],...</c>) or
/// the <c>SEMANTICCACHE_TEST_SCYLLA</c> format of the Scylla test suite, <c>key=value</c> pairs separated by <c>;</c>
/// (<c>contact_points</c>, <c>user</c>, <c>password</c>, <c>dialect</c>, <c>tls</c>, <c>tls_ca</c>, <c>tls_server_name</c>,
/// <c>datacenter</c>, <c>replication_factor</c>, <c>index_ready_seconds</c>). The keyspace is always
/// <see cref="ScenarioBackends.Schema"/>, whatever the settings say, so production data is never touched.
/// </summary>
public sealed class ScyllaConnectionSettings
{
    private readonly Dictionary<string, string> _values;

    private ScyllaConnectionSettings(Dictionary<string, string> values) => _values = values;

    public IReadOnlyList<string> ContactPoints =>
        _values["contact_points"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static ScyllaConnectionSettings Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!text.Contains('=', StringComparison.Ordinal))
        {
            values["contact_points"] = text.Trim();
        }
        else
        {
            foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new BenchmarkSetupException($"Scylla settings: '{pair}' is not key=value.");
                }

                values[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
            }
        }

        if (!values.TryGetValue("contact_points", out var points) || points.Length == 0)
        {
            throw new BenchmarkSetupException("Scylla settings need contact points: host[:port][,host[:port]...] or contact_points=...;user=...;password=...");
        }

        return new ScyllaConnectionSettings(values);
    }

    public ScyllaSemanticCacheStoreOptions CreateOptions(int dimensions)
    {
        var replicationFactor = Get("replication_factor") is { } rf ? int.Parse(rf, CultureInfo.InvariantCulture) : 1;
        var options = new ScyllaSemanticCacheStoreOptions
        {
            ContactPoints = [.. ContactPoints],
            Username = Get("user"),
            Password = Get("password"),
            Dialect = Get("dialect")?.ToLowerInvariant() switch
            {
                null or "auto" => ScyllaDialect.Auto,
                "scylla" or "scylladb" => ScyllaDialect.Scylla,
                "cassandra" => ScyllaDialect.Cassandra,
                var other => throw new BenchmarkSetupException($"Scylla settings: dialect '{other}' is not scylla, cassandra or auto."),
            },
            Keyspace = ScenarioBackends.Schema,
            Table = ScenarioBackends.TablePrefix + dimensions.ToString(CultureInfo.InvariantCulture),
            Dimensions = dimensions,
            ReplicationFactor = replicationFactor,
            UseTls = bool.TryParse(Get("tls"), out var tls) && tls,
            TlsCaCertificatePath = Get("tls_ca"),
            TlsServerName = Get("tls_server_name"),
            IndexReadyTimeout = TimeSpan.FromSeconds(Get("index_ready_seconds") is { } seconds ? double.Parse(seconds, CultureInfo.InvariantCulture) : 30),
        };
        if (Get("datacenter") is { } dataCenter)
        {
            options.ReplicationStrategy = ScyllaReplicationStrategy.NetworkTopologyStrategy;
            options.DataCenterReplicationFactors[dataCenter] = replicationFactor;
        }

        return options;
    }

    private string? Get(string key) => _values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
