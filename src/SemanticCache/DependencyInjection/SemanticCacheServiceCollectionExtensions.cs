using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SemanticCache;

/// <summary>Registers a semantic cache in a service collection.</summary>
public static class SemanticCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers a semantic cache (a singleton shared by every chat client built with
    /// <see cref="SemanticCachingChatClientBuilderExtensions.UseSemanticCache"/>) and its <see cref="ISemanticCache"/>
    /// administration. The store defaults to <see cref="InMemorySemanticCacheStore"/>; choose another and the embedding
    /// generator on the returned builder.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; they are validated at start-up.</param>
    /// <returns>A builder to choose the store, the embedding generator and the L1 tier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static ISemanticCacheBuilder AddSemanticCache(this IServiceCollection services, Action<SemanticCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new SemanticCacheBuilder(services);
        var options = services.AddOptions<SemanticCacheOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SemanticCacheOptions>, SemanticCacheOptionsValidator>());
        options.ValidateOnStart();

        if (!services.Any(d => d.ServiceType == typeof(ISemanticCacheStore) && Equals(d.ServiceKey, SemanticCacheBuilderExtensions.ServiceKey)))
        {
            builder.UseInMemoryStore();
        }

        services.TryAddSingleton(provider => new SemanticCacheEngine(
            ResolveStore(provider),
            ResolveEmbeddingGenerator(provider),
            provider.GetRequiredService<IOptions<SemanticCacheOptions>>().Value,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<ISemanticCache>(provider => provider.GetRequiredService<SemanticCacheEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SemanticCacheStartup>());
        return builder;
    }

    internal static ISemanticCacheStore ResolveStore(IServiceProvider provider) =>
        provider.GetKeyedService<ISemanticCacheStore>(SemanticCacheBuilderExtensions.ServiceKey)
        ?? provider.GetService<ISemanticCacheStore>()
        ?? throw new InvalidOperationException(
            "No semantic cache store is registered. Call services.AddSemanticCache() (in-memory by default) and optionally .UsePgVector(...), .UseScylla(...) or .UseStore(...), or pass a store to UseSemanticCache.");

    internal static IEmbeddingGenerator<string, Embedding<float>> ResolveEmbeddingGenerator(IServiceProvider provider) =>
        provider.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(SemanticCacheBuilderExtensions.ServiceKey)
        ?? provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>()
        ?? throw new InvalidOperationException(
            "No embedding generator is registered for the semantic cache. Call .UseOnnxEmbeddings() (package SemanticCache.Onnx) or .UseEmbeddingGenerator(...) on the builder returned by AddSemanticCache, register an IEmbeddingGenerator<string, Embedding<float>>, or pass one to UseSemanticCache.");
}
