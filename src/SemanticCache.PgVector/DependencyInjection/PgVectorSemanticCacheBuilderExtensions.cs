using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SemanticCache.PgVector;

namespace SemanticCache;

/// <summary>Uses a PostgreSQL + pgvector table as the semantic cache's store.</summary>
public static class PgVectorSemanticCacheBuilderExtensions
{
    /// <summary>
    /// Uses a <see cref="PgVectorSemanticCacheStore"/> that builds (and owns) an Npgsql data source from a connection string.
    /// </summary>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="connectionString">
    /// An Npgsql connection string. Unless it says otherwise, the pool holds at most 10 and keeps at least 2 connections.
    /// </param>
    /// <param name="configure">Configures the store's options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <remarks>
    /// The vector dimension is taken from <see cref="PgVectorSemanticCacheStoreOptions.Dimensions"/> when set, else from
    /// the cache's embedding generator (<see cref="EmbeddingGeneratorMetadata.DefaultModelDimensions"/>), else from an
    /// existing table, else from the first vector written. The options are validated at start-up.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is <see langword="null"/>, empty or white space.</exception>
    public static ISemanticCacheBuilder UsePgVector(
        this ISemanticCacheBuilder builder, string connectionString, Action<PgVectorSemanticCacheStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        AddOptions(builder.Services, configure);
        return builder.UseStore(services => Create(services, dataSource: null, connectionString));
    }

    /// <summary>Uses a <see cref="PgVectorSemanticCacheStore"/> on an Npgsql data source that the caller owns.</summary>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="dataSource">The data source; it must be built with <c>NpgsqlDataSourceBuilder.UseVector()</c>. The store never disposes it.</param>
    /// <param name="configure">Configures the store's options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <remarks>
    /// The vector dimension is taken from <see cref="PgVectorSemanticCacheStoreOptions.Dimensions"/> when set, else from
    /// the cache's embedding generator (<see cref="EmbeddingGeneratorMetadata.DefaultModelDimensions"/>), else from an
    /// existing table, else from the first vector written. The options are validated at start-up.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public static ISemanticCacheBuilder UsePgVector(
        this ISemanticCacheBuilder builder, NpgsqlDataSource dataSource, Action<PgVectorSemanticCacheStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        AddOptions(builder.Services, configure);
        return builder.UseStore(services => Create(services, dataSource, connectionString: null));
    }

    private static void AddOptions(IServiceCollection services, Action<PgVectorSemanticCacheStoreOptions>? configure)
    {
        var options = services.AddOptions<PgVectorSemanticCacheStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<PgVectorSemanticCacheStoreOptions>>(PgVectorSemanticCacheStoreOptionsValidator.Instance));
    }

    private static PgVectorSemanticCacheStore Create(IServiceProvider services, NpgsqlDataSource? dataSource, string? connectionString)
    {
        var options = services.GetRequiredService<IOptions<PgVectorSemanticCacheStoreOptions>>().Value;
        var generator = services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(SemanticCacheBuilderExtensions.ServiceKey);
        var generatorDimensions = generator?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions;
        var timeProvider = services.GetService<TimeProvider>();
        var loggerFactory = services.GetService<ILoggerFactory>();
        return dataSource is null
            ? new PgVectorSemanticCacheStore(
                PgVectorSemanticCacheStore.BuildDataSource(connectionString!, loggerFactory), ownsDataSource: true, options, timeProvider, loggerFactory, generatorDimensions)
            : new PgVectorSemanticCacheStore(dataSource, ownsDataSource: false, options, timeProvider, loggerFactory, generatorDimensions);
    }
}
