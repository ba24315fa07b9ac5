using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SemanticCache;

/// <summary>Adds a <see cref="SemanticCachingChatClient"/> to a chat client pipeline.</summary>
public static class SemanticCachingChatClientBuilderExtensions
{
    /// <summary>
    /// Adds a semantic cache to the pipeline. With no arguments, it uses the cache registered with
    /// <see cref="SemanticCacheServiceCollectionExtensions.AddSemanticCache"/> (shared by every pipeline that uses it).
    /// With a store, an embedding generator or a configuration, it builds a cache of its own for this pipeline; a missing
    /// store or generator is then resolved from the service provider.
    /// </summary>
    /// <param name="builder">The chat client builder.</param>
    /// <param name="store">The store; <see langword="null"/> resolves it from the service provider.</param>
    /// <param name="embeddingGenerator">The embedding generator; <see langword="null"/> resolves it from the service provider.</param>
    /// <param name="configure">Configures the options of this pipeline's own cache.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseSemanticCache(
        this ChatClientBuilder builder,
        ISemanticCacheStore? store = null,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null,
        Action<SemanticCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((innerClient, services) =>
        {
            if (store is null && embeddingGenerator is null && configure is null && services.GetService<SemanticCacheEngine>() is { } shared)
            {
                return new SemanticCachingChatClient(innerClient, shared, ownsEngine: false);
            }

            var options = new SemanticCacheOptions();
            configure?.Invoke(options);
            var engine = new SemanticCacheEngine(
                store ?? SemanticCacheServiceCollectionExtensions.ResolveStore(services),
                embeddingGenerator ?? SemanticCacheServiceCollectionExtensions.ResolveEmbeddingGenerator(services),
                options,
                services.GetService<ILoggerFactory>(),
                services.GetService<TimeProvider>(),
                services.GetService<System.Diagnostics.Metrics.IMeterFactory>());
            return new SemanticCachingChatClient(innerClient, engine, ownsEngine: true);
        });
    }
}
