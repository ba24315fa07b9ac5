namespace SemanticCache;

/// <summary>One entry of <see cref="InMemorySemanticCacheStore"/> and where its normalised vector lives.</summary>
internal sealed class InMemoryNode(SemanticCacheEntry entry, InMemoryScopeSegment segment)
{
    private long _lastAccess;

    public SemanticCacheEntry Entry { get; } = entry;

    public InMemoryScopeSegment Segment { get; } = segment;

    /// <summary>Gets or sets the node's position in <see cref="Segment"/>; it changes when another node is removed.</summary>
    public int Index { get; set; }

    /// <summary>Gets the last time (timestamp ticks) the entry was read or written; used for least-recently-used eviction.</summary>
    public long LastAccess => Volatile.Read(ref _lastAccess);

    // Written under the read lock by concurrent readers: a plain atomic store is enough, the newest value wins.
    public void Touch(long timestamp) => Volatile.Write(ref _lastAccess, timestamp);
}
