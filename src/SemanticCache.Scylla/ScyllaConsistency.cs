namespace SemanticCache.Scylla;

/// <summary>A CQL consistency level; the values are the <c>[consistency]</c> codes of the native protocol.</summary>
public enum ScyllaConsistency : ushort
{
    /// <summary>A write is accepted once any node (even a hint) has it.</summary>
    Any = 0x0000,

    /// <summary>One replica.</summary>
    One = 0x0001,

    /// <summary>Two replicas.</summary>
    Two = 0x0002,

    /// <summary>Three replicas.</summary>
    Three = 0x0003,

    /// <summary>A majority of all replicas.</summary>
    Quorum = 0x0004,

    /// <summary>Every replica.</summary>
    All = 0x0005,

    /// <summary>A majority of the replicas in the coordinator's data center.</summary>
    LocalQuorum = 0x0006,

    /// <summary>A majority of the replicas in each data center.</summary>
    EachQuorum = 0x0007,

    /// <summary>Serial (Paxos) consistency across data centers, for conditional updates.</summary>
    Serial = 0x0008,

    /// <summary>Serial (Paxos) consistency within the coordinator's data center, for conditional updates.</summary>
    LocalSerial = 0x0009,

    /// <summary>One replica in the coordinator's data center.</summary>
    LocalOne = 0x000A,
}
