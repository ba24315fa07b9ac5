namespace SemanticCache.Scylla.Tests;

/// <summary>The conformance suite against a peer that behaves like ScyllaDB 2026.1 (server-side scope filtering).</summary>
public sealed class ScyllaPeerConformanceTests : PeerConformanceTests
{
    internal override PeerFlavor Flavor => PeerFlavor.Scylla2026;
}
