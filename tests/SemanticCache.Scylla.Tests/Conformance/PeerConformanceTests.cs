using System.Collections.Concurrent;
using SemanticCache.ConformanceTests;

namespace SemanticCache.Scylla.Tests;

/// <summary>
/// Runs the store conformance suite over real sockets against the in-process CQL peer, which answers the store's
/// prepared statements from its in-memory table engine (ANN by brute force).
/// </summary>
public abstract class PeerConformanceTests : SemanticCacheStoreConformanceTests
{
    private readonly ConcurrentDictionary<ISemanticCacheStore, CqlPeer> _peers = new();

    internal abstract PeerFlavor Flavor { get; }

    protected override async ValueTask<ISemanticCacheStore> CreateStoreAsync(TimeProvider timeProvider, int dimensions)
    {
        var peer = CqlPeer.Start(Flavor);
        var store = new ScyllaSemanticCacheStore(PeerStoreOptions.For(peer, dimensions), timeProvider);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        _peers[store] = peer;
        return store;
    }

    protected override async ValueTask DisposeStoreAsync(ISemanticCacheStore store)
    {
        await base.DisposeStoreAsync(store);
        if (_peers.TryRemove(store, out var peer))
        {
            await peer.DisposeAsync();
        }
    }
}
