namespace SemanticCache;

/// <summary>Options of <see cref="InMemorySemanticCacheStore"/>.</summary>
public sealed class InMemorySemanticCacheStoreOptions
{
    /// <summary>Gets or sets the maximum number of entries; when it is reached, expired entries go first, then the least recently used.</summary>
    /// <value>The default is 10,000. Valid values are 1 to 10,000,000.</value>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>Gets or sets the vector dimension, or <see langword="null"/> to take it from the first entry written.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public int? Dimensions { get; set; }

    /// <summary>
    /// Gets or sets the path of a snapshot file, or <see langword="null"/> for a purely in-memory store. When set, the store
    /// loads the file when it is created, saves it every <see cref="SnapshotInterval"/> and when it is disposed, so the
    /// embedded default survives restarts. Writes are atomic (a temporary file renamed over the old one).
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? SnapshotPath { get; set; }

    /// <summary>Gets or sets how often the snapshot is saved while the store runs, or <see langword="null"/> to save only on dispose.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan? SnapshotInterval { get; set; } = TimeSpan.FromMinutes(5);
}
