namespace SemanticCache.Scylla.Tests;

/// <summary>A bound [value] as the peer received it.</summary>
/// <param name="Bytes">The bytes, or <see langword="null"/> for null and not set.</param>
/// <param name="IsNotSet">Whether the length was -2 ("not set").</param>
internal sealed record PeerValue(byte[]? Bytes, bool IsNotSet);
