using System.Globalization;

namespace SemanticCache.Agent;

/// <summary>The rows of <c>--show-config</c>: every setting, its value (secrets only as set or not) and where it came from.</summary>
internal static class AgentSettingsTable
{
    public static IEnumerable<(string Name, string Value, string Source)> Rows(AgentSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        yield return Row("with-cache", s.Cache.Value.ToString().ToLowerInvariant(), s.Cache.Source);
        yield return Row("provider", s.Provider.Value.ToString().ToLowerInvariant(), s.Provider.Source);
        yield return Row("model", s.Model.Value, s.Model.Source);
        yield return Row("api key", Secret(s.ApiKey.Value), s.ApiKey.Source);
        yield return Row("endpoint", s.Endpoint.Value?.ToString() ?? "the provider's own", s.Endpoint.Source);
        yield return Row("max-tokens", s.MaxTokens.Value, s.MaxTokens.Source);
        yield return Row("embedding-model", s.EmbeddingModel.Value, s.EmbeddingModel.Source);
        yield return Row("similarity-threshold", s.SimilarityThreshold.Value, s.SimilarityThreshold.Source);
        yield return Row("similarity-function", s.SimilarityFunction.Value, s.SimilarityFunction.Source);
        yield return Row("ttl", s.TimeToLive.Value?.ToString() ?? "no expiry", s.TimeToLive.Source);
        yield return Row("l1-max-entries", s.L1MaxEntries.Value, s.L1MaxEntries.Source);
        yield return Row("memory-snapshot", s.MemorySnapshot.Value ?? "none", s.MemorySnapshot.Source);
        yield return Row("stream", s.Stream.Value, s.Stream.Source);
        yield return Row("interactive", s.Interactive.Value, s.Interactive.Source);
        yield return Row("history", s.History.Value, s.History.Source);
        yield return Row("postgres-connection-string", Secret(s.Postgres.ConnectionString.Value), s.Postgres.ConnectionString.Source);
        yield return Row("postgres-host", s.Postgres.Host.Value, s.Postgres.Host.Source);
        yield return Row("postgres-port", s.Postgres.Port.Value, s.Postgres.Port.Source);
        yield return Row("postgres-user", s.Postgres.User.Value, s.Postgres.User.Source);
        yield return Row("postgres-password", Secret(s.Postgres.Password.Value), s.Postgres.Password.Source);
        yield return Row("postgres-database", s.Postgres.Database.Value, s.Postgres.Database.Source);
        yield return Row("postgres-schema", s.Postgres.Schema.Value ?? "the store's", s.Postgres.Schema.Source);
        yield return Row("postgres-table", s.Postgres.Table.Value ?? "the store's", s.Postgres.Table.Source);
        yield return Row("scylla-contact-points", string.Join(",", s.Scylla.ContactPoints.Value), s.Scylla.ContactPoints.Source);
        yield return Row("scylla-port", s.Scylla.Port.Value, s.Scylla.Port.Source);
        yield return Row("scylla-user", s.Scylla.User.Value, s.Scylla.User.Source);
        yield return Row("scylla-password", Secret(s.Scylla.Password.Value), s.Scylla.Password.Source);
        yield return Row("scylla-keyspace", s.Scylla.Keyspace.Value ?? "the store's", s.Scylla.Keyspace.Source);
        yield return Row("scylla-table", s.Scylla.Table.Value ?? "the store's", s.Scylla.Table.Source);
        yield return Row("scylla-pool-size", s.Scylla.PoolSize.Value?.ToString(CultureInfo.InvariantCulture) ?? "the store's", s.Scylla.PoolSize.Source);
        yield return Row("scylla-max-requests-per-connection", s.Scylla.MaxRequestsPerConnection.Value?.ToString(CultureInfo.InvariantCulture) ?? "the store's", s.Scylla.MaxRequestsPerConnection.Source);
        yield return Row("scylla-tls", s.Scylla.Tls.Value, s.Scylla.Tls.Source);
        yield return Row("scylla-tls-ca-file", s.Scylla.TlsCaFile.Value ?? "the system's", s.Scylla.TlsCaFile.Source);
        yield return Row("scylla-tls-server-name", s.Scylla.TlsServerName.Value ?? "the contact point", s.Scylla.TlsServerName.Source);
        yield return Row("scylla-tls-skip-hostname-validation", s.Scylla.TlsSkipHostnameValidation.Value, s.Scylla.TlsSkipHostnameValidation.Source);
    }

    private static (string, string, string) Row(string name, object value, SettingSource source) =>
        (name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, source switch
        {
            SettingSource.CommandLine => "command line",
            SettingSource.Environment => "environment",
            _ => "default",
        });

    private static string Secret(string? value) => string.IsNullOrEmpty(value) ? "not set" : "set (hidden)";
}
