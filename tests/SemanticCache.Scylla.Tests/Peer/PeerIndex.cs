namespace SemanticCache.Scylla.Tests;

/// <summary>A custom index: its columns (the first is the indexed one) and, for vectors, the similarity function.</summary>
internal sealed record PeerIndex(string Name, IReadOnlyList<string> Columns, string Function);
