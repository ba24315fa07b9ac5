namespace SemanticCache.Scylla.Tests;

/// <summary>A request frame as the peer decoded it.</summary>
internal sealed class PeerRequest
{
    public required int ConnectionId { get; init; }

    public required short StreamId { get; init; }

    public required byte Opcode { get; init; }

    public required byte Flags { get; init; }

    public string? Query { get; init; }

    public byte[]? PreparedId { get; init; }

    public int Consistency { get; init; }

    public byte QueryFlags { get; init; }

    public IReadOnlyList<PeerValue> Values { get; init; } = [];

    public int? PageSize { get; init; }

    public byte[]? PagingState { get; init; }

    public int? SerialConsistency { get; init; }

    public long? Timestamp { get; init; }

    public int BatchType { get; init; }

    public IReadOnlyList<PeerBatchStatement> BatchStatements { get; init; } = [];

    public bool SkipMetadata => (QueryFlags & 0x02) != 0;
}
