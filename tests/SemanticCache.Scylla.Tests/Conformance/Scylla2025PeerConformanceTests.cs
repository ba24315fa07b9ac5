namespace SemanticCache.Scylla.Tests;

/// <summary>The conformance suite against a peer that behaves like ScyllaDB 2025.4 (no filtering: scope checked on the client).</summary>
public sealed class Scylla2025PeerConformanceTests : PeerConformanceTests
{
    internal override PeerFlavor Flavor => PeerFlavor.Scylla2025;
}
