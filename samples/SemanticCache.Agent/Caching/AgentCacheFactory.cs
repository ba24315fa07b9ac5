using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace SemanticCache.Agent;

/// <summary>
/// Builds the semantic cache the settings ask for and initialises it at once (model loaded, database reached), so that a
/// cache that cannot work is found before the first prompt: the agent then warns and goes on without it.
/// </summary>
internal static class AgentCacheFactory
{
    /// <summary>Creates the cache in front of a model client.</summary>
    /// <param name="settings">The settings; their cache is not <see cref="CacheBackend.None"/>.</param>
    /// <param name="modelClient">The model client the cache answers misses with (not owned).</param>
    /// <param name="reporter">Where progress and the warning go.</param>
    /// <param name="cancellationToken">Cancels the initialisation.</param>
    /// <returns>The ready cache, or <see langword="null"/> when it could not be initialised (a warning was printed).</returns>
    public static async Task<AgentCache?> TryCreateAsync(
        AgentSettings settings, IChatClient modelClient, AgentReporter reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(modelClient);
        ArgumentNullException.ThrowIfNull(reporter);

        ServiceProvider? services = null;
        var step = "configure the cache";
        try
        {
            var collection = new ServiceCollection();
            var builder = collection.AddSemanticCache(o =>
            {
                o.SimilarityThreshold = settings.SimilarityThreshold.Value;
                o.DefaultTimeToLive = settings.TimeToLive.Value;
                o.L1 = settings.L1MaxEntries.Value > 0 ? new SemanticCacheL1Options { MaxEntries = settings.L1MaxEntries.Value } : null;
            });

            int? dimensions = null;
            Action<string> downloadStatus = _ => { };
            step = $"load the embedding model {settings.EmbeddingModel.Value}";
            var modelName = OnnxEmbeddingWiring.Use(builder, settings, text => downloadStatus(text));
            step = "configure the store";
            var (storeName, prepare) = UseStore(builder, settings, () => dimensions);

            services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

            // The generator first: the store's vector dimension comes from the loaded model.
            step = $"load the embedding model {modelName}";
            var generator = services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(SemanticCacheBuilderExtensions.ServiceKey);
            dimensions = await reporter.StatusAsync($"Loading embedding model {modelName}...", async status =>
            {
                // A model named rather than given as a folder may be downloaded first; its progress replaces the spinner's text.
                downloadStatus = status;
                var probe = await generator.GenerateAsync(["semantic cache start-up probe"], cancellationToken: cancellationToken);
                return probe[0].Vector.Length;
            });
            reporter.Success($"Embedding model {modelName} loaded ({dimensions} dimensions)");

            step = $"open the store ({storeName})";
            var store = services.GetRequiredKeyedService<ISemanticCacheStore>(SemanticCacheBuilderExtensions.ServiceKey);
            var opening = settings.Cache.Value == CacheBackend.Memory ? $"Opening the {storeName}..." : $"Connecting to {storeName}...";
            var entries = await reporter.StatusAsync(opening, async () =>
            {
                await prepare(store, cancellationToken);
                return await store.CountAsync(cancellationToken);
            });
            reporter.Success($"Cache ready: {storeName}, {entries} {(entries == 1 ? "entry" : "entries")}");

            step = "build the caching client";
            var client = new ChatClientBuilder(modelClient).UseSemanticCache().Build(services);
            return new AgentCache(services, client, services.GetRequiredService<ISemanticCache>(), $"{storeName}, {modelName}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            reporter.Warning($"Cache unavailable: could not {step}: {Describe(e)} Continuing without the cache.");
            if (services is not null)
            {
                await DisposeQuietlyAsync(services);
            }

            return null;
        }
    }

    private static (string Name, Func<ISemanticCacheStore, CancellationToken, Task> Prepare) UseStore(
        ISemanticCacheBuilder builder, AgentSettings settings, Func<int?> dimensions)
    {
        switch (settings.Cache.Value)
        {
            case CacheBackend.Memory:
                var snapshot = settings.MemorySnapshot.Value;
                builder.UseInMemoryStore(o => o.SnapshotPath = snapshot is null ? null : Path.GetFullPath(snapshot));
                return (snapshot is null ? "in-memory store" : $"in-memory store (snapshot {snapshot})", (_, _) => Task.CompletedTask);
            case CacheBackend.PgVector:
                return (PgVectorStoreWiring.Use(builder, settings, dimensions), PgVectorStoreWiring.PrepareAsync);
            case CacheBackend.Scylla:
                return (ScyllaStoreWiring.Use(builder, settings, dimensions), ScyllaStoreWiring.PrepareAsync);
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Cache.Value, "No cache to create.");
        }
    }

    private static string Describe(Exception e)
    {
        var message = e.Message.TrimEnd();
        if (e.InnerException is { } inner && !message.Contains(inner.Message, StringComparison.Ordinal))
        {
            message += $" ({inner.Message.TrimEnd().TrimEnd('.')})";
        }

        return message.EndsWith('.') ? message : message + ".";
    }

    private static async Task DisposeQuietlyAsync(ServiceProvider services)
    {
        try
        {
            await services.DisposeAsync();
        }
        catch (Exception)
        {
            // The cache is being abandoned after a failure; a second failure while releasing it changes nothing for the user.
        }
    }
}
