using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace SemanticCache.Agent;

/// <summary>A ready semantic cache in front of the model client, and the container that owns its store and embedding model.</summary>
internal sealed class AgentCache : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public AgentCache(ServiceProvider services, IChatClient client, ISemanticCache cache, string description)
    {
        _services = services;
        Client = client;
        Cache = cache;
        Description = description;
    }

    /// <summary>Gets the caching client; it wraps (and does not own) the model client.</summary>
    public IChatClient Client { get; }

    /// <summary>Gets the cache's administration, for its statistics.</summary>
    public ISemanticCache Cache { get; }

    /// <summary>Gets what the cache is, for the header line.</summary>
    public string Description { get; }

    /// <summary>Disposes the store and the embedding model (a memory snapshot is saved here).</summary>
    /// <returns>A task that completes when they are disposed.</returns>
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
