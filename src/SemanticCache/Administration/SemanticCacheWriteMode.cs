namespace SemanticCache;

/// <summary>When a miss's answer is written to the store.</summary>
public enum SemanticCacheWriteMode
{
    /// <summary>
    /// Before the call returns (bounded by <see cref="SemanticCacheOptions.WriteTimeout"/>), so the next identical request
    /// reads it back. Failures are logged and counted, never thrown.
    /// </summary>
    WaitForWrite,

    /// <summary>
    /// On a background queue of <see cref="SemanticCacheOptions.BackgroundWriteQueueCapacity"/> entries: the call returns
    /// at once. When the queue is full the new entry is dropped, logged and counted (<c>semantic_cache.write.failures</c>
    /// with reason <c>dropped</c>) rather than blocking the caller or growing without bound.
    /// </summary>
    Background,
}
