namespace SemanticCache.Scylla.Tests;

/// <summary>Which server the peer imitates.</summary>
internal enum PeerFlavor
{
    /// <summary>ScyllaDB 2025.4: vector_index on one column, no filtering with ANN.</summary>
    Scylla2025,

    /// <summary>ScyllaDB 2026.1+: vector_index with filtering columns, WHERE + ANN with ALLOW FILTERING.</summary>
    Scylla2026,

    /// <summary>Apache Cassandra 5.0: SAI indexes, WHERE on SAI-indexed columns with ANN.</summary>
    Cassandra5,
}
