namespace SemanticCache.Scylla.Tests;

/// <summary>Store options pointing at a peer, with short timeouts so that tests stay fast.</summary>
internal static class PeerStoreOptions
{
    public static ScyllaSemanticCacheStoreOptions For(CqlPeer peer, int dimensions) => new()
    {
        ContactPoints = [peer.ContactPoint],
        Dimensions = dimensions,
        ConnectionsPerHost = 2,
        ConnectTimeout = TimeSpan.FromSeconds(3),
        RequestTimeout = TimeSpan.FromSeconds(5),
        ReconnectionDelay = TimeSpan.FromMilliseconds(100),
        IndexReadyTimeout = TimeSpan.FromSeconds(2),
        SchemaAgreementTimeout = TimeSpan.FromSeconds(2),
        PageSize = 7, // small pages, so that scans exercise the paging state
    };
}
