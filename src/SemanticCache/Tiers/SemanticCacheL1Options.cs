namespace SemanticCache;

/// <summary>
/// Options of the L1 tier: an in-process exact-match cache in front of the store. An L1 hit touches neither the store
/// nor the embedding generator.
/// </summary>
public sealed class SemanticCacheL1Options
{
    /// <summary>Gets or sets the maximum number of entries, or <see langword="null"/> for no count bound.</summary>
    /// <value>The default is 1,000.</value>
    public int? MaxEntries { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets the maximum size in bytes (serialized response plus key and prompt text, UTF-16), or
    /// <see langword="null"/> for no size bound.
    /// </summary>
    /// <value>The default is 64 MiB.</value>
    public long? MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gets or sets which entry is dropped when a bound is reached.</summary>
    /// <value>The default is <see cref="SemanticCacheEvictionPolicy.Lru"/>.</value>
    public SemanticCacheEvictionPolicy EvictionPolicy { get; set; } = SemanticCacheEvictionPolicy.Lru;

    /// <summary>
    /// Gets or sets the longest an entry stays in L1, or <see langword="null"/> to keep the entry's own expiry. A short
    /// value bounds how long an invalidation made by another process (which cannot reach this L1) stays invisible here.
    /// </summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan? MaxTimeToLive { get; set; } = TimeSpan.FromMinutes(5);
}
