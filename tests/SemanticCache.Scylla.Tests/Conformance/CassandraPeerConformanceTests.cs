namespace SemanticCache.Scylla.Tests;

/// <summary>The conformance suite against a peer that behaves like Apache Cassandra 5.0 (SAI vector and scope indexes).</summary>
public sealed class CassandraPeerConformanceTests : PeerConformanceTests
{
    internal override PeerFlavor Flavor => PeerFlavor.Cassandra5;
}
