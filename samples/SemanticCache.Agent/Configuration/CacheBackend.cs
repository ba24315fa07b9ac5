namespace SemanticCache.Agent;

/// <summary>Where the agent keeps its semantic cache.</summary>
internal enum CacheBackend
{
    /// <summary>No cache: no embedding model is loaded and no database is contacted.</summary>
    None,

    /// <summary>The in-process store (optionally persisted to a snapshot file).</summary>
    Memory,

    /// <summary>PostgreSQL with pgvector.</summary>
    PgVector,

    /// <summary>ScyllaDB with vector search.</summary>
    Scylla,
}
