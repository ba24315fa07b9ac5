namespace SemanticCache.Scylla.Tests;

internal sealed record PeerColumn(string Name, PeerType Type);
