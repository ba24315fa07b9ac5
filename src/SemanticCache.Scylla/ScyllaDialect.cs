namespace SemanticCache.Scylla;

/// <summary>The CQL dialect the store speaks, which decides the vector index DDL.</summary>
public enum ScyllaDialect
{
    /// <summary>Detected from the server's SUPPORTED options: ScyllaDB advertises <c>SCYLLA_*</c> keys, Apache Cassandra does not.</summary>
    Auto,

    /// <summary>ScyllaDB (Cloud, 2025.4 or later with vector search): <c>USING 'vector_index'</c> on a tablets keyspace.</summary>
    Scylla,

    /// <summary>Apache Cassandra 5.0 or later: <c>USING 'StorageAttachedIndex'</c> (SAI).</summary>
    Cassandra,
}
