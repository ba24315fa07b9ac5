using System.Globalization;

namespace SemanticCache.Scylla;

/// <summary>
/// A ScyllaDB connection in one string, for configuration files and environment variables: <c>key=value</c> pairs
/// separated by <c>;</c>, for example
/// <c>contact_points=node1:9142,node2:9142;user=scylla;password=...;tls=true;datacenter=AWS_US_EAST_1</c>.
/// </summary>
/// <remarks>
/// Keys (case-insensitive): <c>contact_points</c> (required; <c>host[:port]</c>, comma-separated), <c>user</c>,
/// <c>password</c>, <c>dialect</c> (<c>scylla</c>, <c>cassandra</c> or <c>auto</c>), <c>tls</c> (<c>true</c>/<c>false</c>),
/// <c>tls_ca</c> (PEM or DER file), <c>tls_server_name</c>, <c>keyspace</c>, <c>table</c>, <c>replication_factor</c>,
/// <c>datacenter</c> (when set, the keyspace uses NetworkTopologyStrategy with the replication factor in that data
/// center) and <c>index_ready_seconds</c>. Other keys are kept for the caller (<see cref="this[string]"/>). A value
/// may contain <c>=</c> but not <c>;</c>.
/// </remarks>
public sealed class ScyllaConnectionString
{
    private readonly Dictionary<string, string> _values;

    private ScyllaConnectionString(Dictionary<string, string> values) => _values = values;

    /// <summary>Gets the contact points (<c>host[:port]</c>).</summary>
    public IReadOnlyList<string> ContactPoints =>
        _values["contact_points"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Gets the value of a key, or <see langword="null"/> when it is absent or empty.</summary>
    /// <param name="key">The key, case-insensitive.</param>
    public string? this[string key] => _values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    /// <summary>Parses a connection string.</summary>
    /// <param name="text">The connection string.</param>
    /// <returns>The parsed connection string.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is <see langword="null"/>, empty or white space.</exception>
    /// <exception cref="FormatException">A pair is not <c>key=value</c>, or <c>contact_points</c> is missing.</exception>
    public static ScyllaConnectionString Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // The pair is not echoed: it may be a password.
                throw new FormatException($"Scylla connection string: a part is not key=value (part {values.Count + 1}).");
            }

            values[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }

        if (!values.TryGetValue("contact_points", out var points) || points.Length == 0)
        {
            throw new FormatException("Scylla connection string: contact_points=host[:port][,host[:port]...] is required.");
        }

        return new ScyllaConnectionString(values);
    }

    /// <summary>Copies every key this string sets onto <paramref name="options"/>; options it does not mention keep their values.</summary>
    /// <param name="options">The options to fill.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">A value is not valid for its key (the message names the key).</exception>
    public void ApplyTo(ScyllaSemanticCacheStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ContactPoints = [.. ContactPoints];
        options.Username = this["user"] ?? options.Username;
        options.Password = this["password"] ?? options.Password;
        options.Dialect = this["dialect"]?.ToLowerInvariant() switch
        {
            null => options.Dialect,
            "auto" => ScyllaDialect.Auto,
            "scylla" or "scylladb" => ScyllaDialect.Scylla,
            "cassandra" => ScyllaDialect.Cassandra,
            var other => throw new FormatException($"Scylla connection string: dialect '{other}' is not scylla, cassandra or auto."),
        };
        options.UseTls = this["tls"] is { } tls ? ParseBool("tls", tls) : options.UseTls;
        options.TlsCaCertificatePath = this["tls_ca"] ?? options.TlsCaCertificatePath;
        options.TlsServerName = this["tls_server_name"] ?? options.TlsServerName;
        options.Keyspace = this["keyspace"] ?? options.Keyspace;
        options.Table = this["table"] ?? options.Table;
        options.ReplicationFactor = this["replication_factor"] is { } rf ? ParseInt("replication_factor", rf) : options.ReplicationFactor;
        options.IndexReadyTimeout = this["index_ready_seconds"] is { } seconds
            ? TimeSpan.FromSeconds(ParseDouble("index_ready_seconds", seconds))
            : options.IndexReadyTimeout;
        if (this["datacenter"] is { } dataCenter)
        {
            options.ReplicationStrategy = ScyllaReplicationStrategy.NetworkTopologyStrategy;
            options.DataCenterReplicationFactors[dataCenter] = options.ReplicationFactor;
        }
    }

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var parsed) ? parsed : throw Invalid(key, value, "true or false");

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Invalid(key, value, "a whole number");

    private static double ParseDouble(string key, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Invalid(key, value, "a number");

    private static FormatException Invalid(string key, string value, string expected) =>
        new($"Scylla connection string: {key} is '{value}', which is not {expected}.");
}
