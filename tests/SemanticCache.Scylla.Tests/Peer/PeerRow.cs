namespace SemanticCache.Scylla.Tests;

/// <summary>A row: its primary key values, a row marker and regular cells, each with its own TTL (as CQL keeps them).</summary>
internal sealed class PeerRow
{
    public PeerRow(Dictionary<string, byte[]> key)
    {
        Key = key;
    }

    public Dictionary<string, byte[]> Key { get; }

    public Dictionary<string, PeerCell> Cells { get; } = new(StringComparer.Ordinal);

    public bool HasMarker { get; set; }

    public DateTimeOffset? MarkerExpires { get; set; }

    public bool IsLive(DateTimeOffset now) =>
        (HasMarker && (MarkerExpires is null || MarkerExpires > now)) || Cells.Values.Any(c => c.Expires is null || c.Expires > now);

    public byte[]? Get(string column, DateTimeOffset now)
    {
        if (Key.TryGetValue(column, out var key))
        {
            return key;
        }

        return Cells.TryGetValue(column, out var cell) && (cell.Expires is null || cell.Expires > now) ? cell.Value : null;
    }
}
