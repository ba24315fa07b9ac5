namespace SemanticCache.Scylla;

/// <summary>Maps entries to the bound values of the INSERT and rows (in <see cref="ScyllaStatements.EntryColumns"/> order) back to entries.</summary>
internal static class EntryRow
{
    /// <summary>Builds the values of <see cref="ScyllaStatements.InsertEntry"/>.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="ttlSeconds">The TTL in seconds (0 for none).</param>
    /// <returns>The values.</returns>
    public static object?[] ToValues(SemanticCacheEntry entry, int ttlSeconds) =>
    [
        entry.Key,
        entry.ScopeHash,
        entry.Partition,
        entry.EmbeddedText,
        entry.Vector,
        entry.Response,
        entry.FormatVersion,
        entry.CreatedAt,
        entry.ExpiresAt,
        entry.Tags.Count == 0 ? null : entry.Tags.ToList(),
        entry.ModelId,
        ttlSeconds,
    ];

    /// <summary>Reads an entry row; rows missing a required column (a partially expired or deleted row) are rejected.</summary>
    /// <param name="row">The row.</param>
    /// <param name="entry">The entry.</param>
    /// <returns><see langword="true"/> when the row is a complete entry.</returns>
    public static bool TryRead(object?[] row, out SemanticCacheEntry entry)
    {
        entry = null!;
        if (row.Length < 11
            || row[0] is not string key
            || row[1] is not string scopeHash
            || row[4] is not float[] vector)
        {
            return false;
        }

        entry = new SemanticCacheEntry
        {
            Key = key,
            ScopeHash = scopeHash,
            Partition = row[2] as string ?? string.Empty,
            EmbeddedText = row[3] as string ?? string.Empty,
            Vector = vector,
            Response = row[5] as byte[] ?? [],
            FormatVersion = row[6] as int? ?? SemanticCacheEntry.CurrentFormatVersion,
            CreatedAt = row[7] as DateTimeOffset? ?? default,
            ExpiresAt = row[8] as DateTimeOffset?,
            Tags = ReadTags(row[9]),
            ModelId = row[10] as string,
        };
        return true;
    }

    /// <summary>Reads the result of <see cref="ScyllaStatements.SelectEntryHeader"/> (partition, tags, expires_at).</summary>
    /// <param name="key">The key that was read.</param>
    /// <param name="row">The row.</param>
    /// <returns>The header.</returns>
    public static EntryHeader ReadHeader(string key, object?[] row) =>
        new(key, row[0] as string, ReadTags(row[1]), row[2] as DateTimeOffset?);

    /// <summary>Reads a row of <see cref="ScyllaStatements.ScanEntryHeaders"/> (key, partition, tags, expires_at).</summary>
    /// <param name="row">The row.</param>
    /// <returns>The header, or <see langword="null"/> when the row has no key.</returns>
    public static EntryHeader? ReadHeaderWithKey(object?[] row) =>
        row[0] is string key ? new EntryHeader(key, row[1] as string, ReadTags(row[2]), row[3] as DateTimeOffset?) : null;

    private static string[] ReadTags(object? value) =>
        value is List<object?> list ? [.. list.OfType<string>()] : [];
}
