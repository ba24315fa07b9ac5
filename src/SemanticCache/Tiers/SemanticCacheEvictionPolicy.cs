namespace SemanticCache;

/// <summary>Which entry the L1 tier drops when it is full.</summary>
public enum SemanticCacheEvictionPolicy
{
    /// <summary>The least recently used entry.</summary>
    Lru,

    /// <summary>The least frequently used entry (ties: the least recently used).</summary>
    Lfu,

    /// <summary>Entries leave only by expiry; when full, the entry that would expire soonest goes first.</summary>
    TtlOnly,
}
