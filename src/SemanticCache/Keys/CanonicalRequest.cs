namespace SemanticCache;

/// <summary>A request reduced to what the cache compares: the scope that must match exactly and the text compared by meaning.</summary>
/// <param name="ScopeHash">SHA-256 (lowercase hex) of the canonical scope.</param>
/// <param name="Key">The exact key: SHA-256 (lowercase hex) of the scope hash and the normalised embedded text.</param>
/// <param name="EmbeddedText">The text to embed, as the user wrote it.</param>
/// <param name="Partition">The partition (tenant or user); the empty string is the shared partition.</param>
/// <param name="ModelId">The effective model id, if known.</param>
internal sealed record CanonicalRequest(string ScopeHash, string Key, string EmbeddedText, string Partition, string? ModelId);
