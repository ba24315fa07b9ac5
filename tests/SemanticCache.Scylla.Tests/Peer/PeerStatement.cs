namespace SemanticCache.Scylla.Tests;

/// <summary>A statement the peer's engine parsed (and, once prepared or run, bound against the schema).</summary>
internal sealed class PeerStatement
{
    public required PeerStatementKind Kind { get; init; }

    public required string Text { get; init; }

    public string? Keyspace { get; init; }

    public string? Table { get; init; }

    public string? IndexName { get; init; }

    public string? IndexClass { get; init; }

    public string? Body { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public IReadOnlyList<(string Column, string Term)> Where { get; init; } = [];

    public string? AnnColumn { get; init; }

    public string? Limit { get; init; }

    public bool AllowFiltering { get; init; }

    public bool UsingTtl { get; init; }

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string>? Tablets { get; init; }

    public List<PeerColumn>? Markers { get; set; }

    public List<string> MarkerKeys { get; set; } = [];

    public IReadOnlyList<PeerColumn> ResultColumns { get; set; } = [];

    public IReadOnlyList<int> PartitionKeyIndexes { get; set; } = [];
}
