using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SemanticCache;

/// <summary>Chooses the store and the embedding generator of a semantic cache registered in a service collection.</summary>
public static class SemanticCacheBuilderExtensions
{
    /// <summary>
    /// The service key under which the cache's own store and embedding generator are registered, so that they never
    /// clash with an application's other <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> registrations.
    /// </summary>
    public const string ServiceKey = "SemanticCache";

    /// <summary>Uses a store built by a factory (called once; the container owns and disposes the store).</summary>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="factory">Creates the store.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ISemanticCacheBuilder UseStore(this ISemanticCacheBuilder builder, Func<IServiceProvider, ISemanticCacheStore> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAllKeyed<ISemanticCacheStore>(ServiceKey);
        builder.Services.AddKeyedSingleton(ServiceKey, (services, _) => factory(services));
        return builder;
    }

    /// <summary>Uses a store instance (the caller keeps ownership and disposes it).</summary>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="store">The store.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ISemanticCacheBuilder UseStore(this ISemanticCacheBuilder builder, ISemanticCacheStore store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        builder.Services.RemoveAllKeyed<ISemanticCacheStore>(ServiceKey);
        builder.Services.AddKeyedSingleton(ServiceKey, store);
        return builder;
    }

    /// <summary>Uses the in-process <see cref="InMemorySemanticCacheStore"/>, the embedded default.</summary>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="configure">Configures the store's options.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ISemanticCacheBuilder UseInMemoryStore(this ISemanticCacheBuilder builder, Action<InMemorySemanticCacheStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var optionsBuilder = builder.Services.AddOptions<InMemorySemanticCacheStoreOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<
            Microsoft.Extensions.Options.IValidateOptions<InMemorySemanticCacheStoreOptions>, InMemorySemanticCacheStoreOptionsValidator>());
        optionsBuilder.ValidateOnStart();
        return builder.UseStore(services => new InMemorySemanticCacheStore(
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<InMemorySemanticCacheStoreOptions>>().Value,
            services.GetService<TimeProvider>()));
    }

    /// <summary>
    /// Adds the L1 tier: an in-process exact-match cache in front of the store, bounded by entry count and/or bytes.
    /// An L1 hit touches neither the store nor the embedding generator.
    /// </summary>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="configure">Configures the L1 options.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ISemanticCacheBuilder UseL1(this ISemanticCacheBuilder builder, Action<SemanticCacheL1Options>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<SemanticCacheOptions>(options =>
        {
            options.L1 ??= new SemanticCacheL1Options();
            configure?.Invoke(options.L1);
        });
        return builder;
    }

    /// <summary>Uses an embedding generator built by a factory (called once; the container owns it).</summary>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="factory">Creates the embedding generator.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ISemanticCacheBuilder UseEmbeddingGenerator(
        this ISemanticCacheBuilder builder, Func<IServiceProvider, IEmbeddingGenerator<string, Embedding<float>>> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAllKeyed<IEmbeddingGenerator<string, Embedding<float>>>(ServiceKey);
        builder.Services.AddKeyedSingleton(ServiceKey, (services, _) => factory(services));
        return builder;
    }

    /// <summary>Uses an embedding generator instance (the caller keeps ownership and disposes it).</summary>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="generator">The embedding generator.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ISemanticCacheBuilder UseEmbeddingGenerator(
        this ISemanticCacheBuilder builder, IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(generator);
        builder.Services.RemoveAllKeyed<IEmbeddingGenerator<string, Embedding<float>>>(ServiceKey);
        builder.Services.AddKeyedSingleton(ServiceKey, generator);
        return builder;
    }
}
