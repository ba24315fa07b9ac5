using SemanticCache.Scylla;

namespace SemanticCache.Agent;

/// <summary>Wires the ScyllaDB vector-search store (SemanticCache.Scylla) into the cache.</summary>
internal static class ScyllaStoreWiring
{
    /// <summary>Uses a ScyllaDB table with a vector index as the store.</summary>
    /// <param name="builder">The cache builder.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="dimensions">Reads the embedding dimension once the model is loaded (before the store is created).</param>
    /// <returns>Where the store is, without secrets, for messages.</returns>
    public static string Use(ISemanticCacheBuilder builder, AgentSettings settings, Func<int?> dimensions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var scylla = settings.Scylla;
        var function = settings.SimilarityFunction.Value switch
        {
            "dot_product" => ScyllaSimilarityFunction.DotProduct,
            "euclidean" => ScyllaSimilarityFunction.Euclidean,
            _ => ScyllaSimilarityFunction.Cosine,
        };
        builder.UseScylla(o =>
        {
            o.ContactPoints = [.. scylla.ContactPoints.Value];
            o.Port = scylla.Port.Value;
            o.Username = scylla.User.Value;

            // The seed's default is an empty password: the server only asks for one when authentication is on.
            o.Password = scylla.Password.Value ?? string.Empty;
            o.SimilarityFunction = function;
            o.Dimensions = dimensions() ?? 0;
            o.UseTls = scylla.Tls.Value;
            o.TlsCaCertificatePath = scylla.TlsCaFile.Value;
            o.TlsServerName = scylla.TlsServerName.Value;
            o.TlsValidateHostName = !scylla.TlsSkipHostnameValidation.Value;
            if (scylla.Keyspace.Value is { } keyspace)
            {
                o.Keyspace = keyspace;
            }

            if (scylla.Table.Value is { } table)
            {
                o.Table = table;
            }

            if (scylla.PoolSize.Value is { } poolSize)
            {
                o.ConnectionsPerHost = poolSize;
            }

            if (scylla.MaxRequestsPerConnection.Value is { } maxRequests)
            {
                o.MaxRequestsPerConnection = maxRequests;
            }
        });
        return $"ScyllaDB at {string.Join(",", scylla.ContactPoints.Value)}:{scylla.Port.Value}{(scylla.Tls.Value ? " (TLS)" : string.Empty)}";
    }

    /// <summary>Connects and creates the keyspace, table and vector index now, so a cluster that cannot be used is found at start-up.</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the schema is ready.</returns>
    public static Task PrepareAsync(ISemanticCacheStore store, CancellationToken cancellationToken) =>
        store is ScyllaSemanticCacheStore scylla ? scylla.InitializeAsync(cancellationToken) : Task.CompletedTask;
}
