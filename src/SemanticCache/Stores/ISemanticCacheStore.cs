namespace SemanticCache;

/// <summary>
/// Persists semantic cache entries and finds the nearest ones to a query vector within a scope.
/// </summary>
/// <remarks>
/// <para>
/// A store is a dumb, fast index: it never decides whether a candidate is a hit. It returns candidates with their
/// similarity, where <b>higher is more similar</b> (for the default cosine function, the cosine similarity of the two
/// vectors), and the caller applies the threshold. Stores whose native measure is a distance convert it.
/// </para>
/// <para>
/// Every operation must never return an entry whose <see cref="SemanticCacheEntry.ExpiresAt"/> is at or before the
/// store's current time. Implementations must be safe for concurrent use by multiple threads.
/// </para>
/// <para>
/// Exceptions thrown by a store are contained by <c>SemanticCachingChatClient</c>: a failing store turns a
/// lookup into a miss and never fails the chat call.
/// </para>
/// </remarks>
public interface ISemanticCacheStore
{
    /// <summary>Gets the entry stored under an exact key.</summary>
    /// <param name="key">The exact key (<see cref="SemanticCacheEntry.Key"/>).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The entry, or <see langword="null"/> when there is none or it has expired.</returns>
    ValueTask<SemanticCacheEntry?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Finds the entries of one scope whose vectors are nearest to <paramref name="vector"/>.</summary>
    /// <param name="scopeHash">The scope the candidates must belong to (<see cref="SemanticCacheEntry.ScopeHash"/>); entries of other scopes are never returned.</param>
    /// <param name="vector">The query vector; it has the dimension of the stored vectors.</param>
    /// <param name="limit">The maximum number of candidates to return (k).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>Up to <paramref name="limit"/> unexpired candidates, most similar first.</returns>
    ValueTask<IReadOnlyList<SemanticCacheMatch>> SearchAsync(
        string scopeHash, ReadOnlyMemory<float> vector, int limit, CancellationToken cancellationToken = default);

    /// <summary>Inserts an entry, or replaces the entry with the same key.</summary>
    /// <param name="entry">The entry to store.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the entry is durably written to the store.</returns>
    ValueTask UpsertAsync(SemanticCacheEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry stored under an exact key.</summary>
    /// <param name="key">The exact key.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when an entry was removed.</returns>
    ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry carrying any (or all) of the given tags.</summary>
    /// <param name="tags">The tags; an empty collection removes nothing.</param>
    /// <param name="matchAll"><see langword="true"/> to remove only entries that carry every tag; <see langword="false"/> to remove entries that carry at least one.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The number of entries removed.</returns>
    ValueTask<long> RemoveByTagsAsync(IReadOnlyCollection<string> tags, bool matchAll, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry of a partition (a tenant or user).</summary>
    /// <param name="partition">The partition (<see cref="SemanticCacheEntry.Partition"/>).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The number of entries removed.</returns>
    ValueTask<long> RemoveByPartitionAsync(string partition, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the store is empty.</returns>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts the unexpired entries.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The number of unexpired entries.</returns>
    ValueTask<long> CountAsync(CancellationToken cancellationToken = default);
}
