namespace SemanticCache.Scylla.Tests;

/// <summary>A cell value with its TTL expiry.</summary>
internal sealed record PeerCell(byte[] Value, DateTimeOffset? Expires);
