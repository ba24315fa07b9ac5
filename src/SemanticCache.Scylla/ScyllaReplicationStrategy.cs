namespace SemanticCache.Scylla;

/// <summary>The replication class of the keyspace the store creates.</summary>
public enum ScyllaReplicationStrategy
{
    /// <summary><c>SimpleStrategy</c>: for a single data center in development.</summary>
    SimpleStrategy,

    /// <summary><c>NetworkTopologyStrategy</c>: for production (and required by ScyllaDB tablets).</summary>
    NetworkTopologyStrategy,
}
