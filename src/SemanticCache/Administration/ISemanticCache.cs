namespace SemanticCache;

/// <summary>
/// Administers a semantic cache: invalidation, warm-up and statistics. Resolve it from dependency injection, or from a
/// client with <c>chatClient.GetService&lt;ISemanticCache&gt;()</c>.
/// </summary>
/// <remarks>
/// Unlike lookups, administrative operations report store failures: an invalidation that could not be carried out
/// throws rather than pretending to have removed the entry. Invalidations also evict from this process's L1 tier.
/// Thread-safe.
/// </remarks>
public interface ISemanticCache
{
    /// <summary>Removes one entry, e.g. a wrong answer reported by a user (its key is in the hit's <see cref="SemanticCacheResponseKeys.EntryKey"/>).</summary>
    /// <param name="key">The entry key.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when the store held the entry.</returns>
    ValueTask<bool> InvalidateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry carrying a tag.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The number of entries removed from the store.</returns>
    ValueTask<long> InvalidateByTagAsync(string tag, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry carrying any (or all) of the given tags.</summary>
    /// <param name="tags">The tags.</param>
    /// <param name="matchAll"><see langword="true"/> to remove only entries carrying every tag.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The number of entries removed from the store.</returns>
    ValueTask<long> InvalidateByTagsAsync(IReadOnlyCollection<string> tags, bool matchAll, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry of a partition (a tenant or user).</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The number of entries removed from the store.</returns>
    ValueTask<long> InvalidatePartitionAsync(string partition, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the cache is empty.</returns>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Pre-loads prompt/response pairs, embedding their prompts in batches, so that the first real request for each is
    /// already a hit. Each item is scoped exactly as a request with the same messages and options would be.
    /// </summary>
    /// <param name="items">The pairs to load.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>How many entries were written and skipped.</returns>
    Task<SemanticCacheWarmUpProgress> WarmUpAsync(
        IEnumerable<SemanticCacheWarmUpItem> items, IProgress<SemanticCacheWarmUpProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a snapshot of the cache's counters.</summary>
    /// <returns>The statistics.</returns>
    SemanticCacheStatistics GetStatistics();
}
