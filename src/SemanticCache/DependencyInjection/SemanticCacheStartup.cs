using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SemanticCache;

/// <summary>
/// Warms the registered cache's embedding generator when the host starts (<see cref="SemanticCacheOptions.WarmUpEmbeddingGeneratorOnStart"/>).
/// A cache that cannot even be built is reported and left alone: the host starts, and the chat pipeline reports the
/// same error where it is built.
/// </summary>
internal sealed class SemanticCacheStartup(IServiceProvider services, IOptions<SemanticCacheOptions> options) : IHostedService
{
    /// <summary>How long the host's start may wait for the generator; a local model that loads longer goes on loading.</summary>
    public static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUpEmbeddingGeneratorOnStart)
        {
            return;
        }

        SemanticCacheEngine engine;
        try
        {
            engine = services.GetRequiredService<SemanticCacheEngine>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or OptionsValidationException)
        {
            var logger = services.GetService<ILoggerFactory>()?.CreateLogger<SemanticCachingChatClient>() ?? NullLogger<SemanticCachingChatClient>.Instance;
            Log.CacheNotBuiltAtStart(logger, options.Value.CacheName, ex);
            return;
        }

        await engine.WarmUpEmbeddingGeneratorAsync(WarmUpTimeout, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
