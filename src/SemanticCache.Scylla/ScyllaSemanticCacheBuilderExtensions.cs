using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SemanticCache.Scylla;

namespace SemanticCache;

/// <summary>Uses ScyllaDB (or Apache Cassandra 5.0) vector search as the semantic cache's store.</summary>
public static class ScyllaSemanticCacheBuilderExtensions
{
    /// <summary>
    /// Uses a <see cref="ScyllaSemanticCacheStore"/> configured by <see cref="ScyllaSemanticCacheStoreOptions"/>. The options
    /// are validated when the host starts; the store is a singleton owned (and disposed) by the container.
    /// </summary>
    /// <remarks>
    /// When <see cref="ScyllaSemanticCacheStoreOptions.Dimensions"/> is left at 0, it is taken from the cache's embedding
    /// generator (<see cref="EmbeddingGeneratorMetadata.DefaultModelDimensions"/>), when that generator reports it.
    /// </remarks>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/> to rely on other configuration.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ISemanticCacheBuilder UseScylla(this ISemanticCacheBuilder builder, Action<ScyllaSemanticCacheStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ScyllaSemanticCacheStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure<IServiceProvider>(static (o, services) =>
        {
            if (o.Dimensions == 0 && EmbeddingDimensions(services) is { } dimensions)
            {
                o.Dimensions = dimensions;
            }
        });
        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ScyllaSemanticCacheStoreOptions>, ScyllaSemanticCacheStoreOptionsValidator>());
        return builder.UseStore(services => new ScyllaSemanticCacheStore(
            services.GetRequiredService<IOptions<ScyllaSemanticCacheStoreOptions>>().Value,
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()));
    }

    private static int? EmbeddingDimensions(IServiceProvider services)
    {
        var generator = services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(SemanticCacheBuilderExtensions.ServiceKey)
            ?? services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
        return generator?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions;
    }
}
