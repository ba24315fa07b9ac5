namespace SemanticCache.Scylla;

/// <summary>What a delete needs to know of an entry: its key, partition, tags and expiry.</summary>
/// <param name="Key">The key.</param>
/// <param name="Partition">The partition, or <see langword="null"/> when the row has none.</param>
/// <param name="Tags">The tags.</param>
/// <param name="ExpiresAt">The expiry, or <see langword="null"/>.</param>
internal sealed record EntryHeader(string Key, string? Partition, IReadOnlyList<string> Tags, DateTimeOffset? ExpiresAt)
{
    /// <summary>Determines whether the entry had expired at a point in time.</summary>
    /// <param name="now">The time.</param>
    /// <returns><see langword="true"/> when expired.</returns>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiresAt && expiresAt <= now;
}
