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
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="configure">Configures the options (at least <see cref="ScyllaSemanticCacheStoreOptions.Dimensions"/>), or <see langword="null"/> to rely on other configuration.</param>
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

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ScyllaSemanticCacheStoreOptions>, ScyllaSemanticCacheStoreOptionsValidator>());
        return builder.UseStore(services => new ScyllaSemanticCacheStore(
            services.GetRequiredService<IOptions<ScyllaSemanticCacheStoreOptions>>().Value,
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()));
    }
}
