using Npgsql;
using SemanticCache.PgVector;

namespace SemanticCache.Agent;

/// <summary>Wires the PostgreSQL + pgvector store (SemanticCache.PgVector) into the cache.</summary>
internal static class PgVectorStoreWiring
{
    /// <summary>Uses a pgvector table as the store.</summary>
    /// <param name="builder">The cache builder.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="dimensions">Reads the embedding dimension once the model is loaded (before the store is created).</param>
    /// <returns>Where the store is, without secrets, for messages.</returns>
    public static string Use(ISemanticCacheBuilder builder, AgentSettings settings, Func<int?> dimensions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var connection = ConnectionString(settings.Postgres);
        var function = settings.SimilarityFunction.Value switch
        {
            "l2" => PgVectorSimilarityFunction.L2,
            "inner_product" => PgVectorSimilarityFunction.InnerProduct,
            "l1" => PgVectorSimilarityFunction.L1,
            _ => PgVectorSimilarityFunction.Cosine,
        };
        builder.UsePgVector(connection.ConnectionString, o =>
        {
            o.SimilarityFunction = function;
            o.Dimensions = dimensions();
            if (settings.Postgres.Schema.Value is { } schema)
            {
                o.Schema = schema;
            }

            if (settings.Postgres.Table.Value is { } table)
            {
                o.TableName = table;
            }
        });
        return $"PostgreSQL at {connection.Username}@{connection.Host}:{connection.Port}/{connection.Database}";
    }

    /// <summary>Creates the schema now, so a server that cannot be used is found at start-up.</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the table exists.</returns>
    public static Task PrepareAsync(ISemanticCacheStore store, CancellationToken cancellationToken) =>
        store is PgVectorSemanticCacheStore pgvector ? pgvector.EnsureSchemaAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Builds the connection string: the full string when given, with every part that was given explicitly (command line or
    /// environment) overriding its value; the parts' defaults only fill a string that was not given.
    /// </summary>
    /// <param name="postgres">The PostgreSQL settings.</param>
    /// <returns>The connection string builder.</returns>
    internal static NpgsqlConnectionStringBuilder ConnectionString(PostgresSettings postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString.Value ?? string.Empty);
        var fromParts = postgres.ConnectionString.Value is null;
        if (fromParts || postgres.Host.Source != SettingSource.Default)
        {
            builder.Host = postgres.Host.Value;
        }

        if (fromParts || postgres.Port.Source != SettingSource.Default)
        {
            builder.Port = postgres.Port.Value;
        }

        if (fromParts || postgres.User.Source != SettingSource.Default)
        {
            builder.Username = postgres.User.Value;
        }

        if (postgres.Password.Value is { Length: > 0 } password)
        {
            builder.Password = password;
        }

        if (fromParts || postgres.Database.Source != SettingSource.Default)
        {
            builder.Database = postgres.Database.Value;
        }

        return builder;
    }
}
