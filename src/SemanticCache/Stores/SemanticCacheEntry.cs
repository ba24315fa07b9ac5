namespace SemanticCache;

/// <summary>
/// One cached answer: the prompt text that was embedded, its vector, the serialized response and the data that
/// decides who may be served it.
/// </summary>
/// <remarks>
/// An entry is immutable once built (copy it with a <see langword="with"/> expression). It holds the embedded prompt text and the serialized response in plain form:
/// stores persist both, so treat a store as holding conversation data.
/// </remarks>
public sealed record SemanticCacheEntry
{
    /// <summary>
    /// The version of the entry's stored shape and of the key and scope derivation. Stores persist it with every
    /// entry; it is bumped whenever either changes, so old entries are never misread.
    /// </summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Gets the exact key: a SHA-256 hash of the scope and the normalised embedded text, as lowercase hex.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the scope hash: a SHA-256 hash, as lowercase hex, of everything that must match exactly for a hit.</summary>
    public required string ScopeHash { get; init; }

    /// <summary>Gets the partition (tenant or user) the entry belongs to.</summary>
    /// <value>The default is the empty string, the shared partition.</value>
    public string Partition { get; init; } = string.Empty;

    /// <summary>Gets the text that was embedded to produce <see cref="Vector"/>.</summary>
    public required string EmbeddedText { get; init; }

    /// <summary>Gets the embedding of <see cref="EmbeddedText"/>.</summary>
    public required ReadOnlyMemory<float> Vector { get; init; }

    /// <summary>Gets the serialized response (UTF-8 JSON of a <c>ChatResponse</c>).</summary>
    public required ReadOnlyMemory<byte> Response { get; init; }

    /// <summary>Gets the format version the entry was written with.</summary>
    /// <value>The default is <see cref="CurrentFormatVersion"/>.</value>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Gets when the entry was written.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the entry expires, or <see langword="null"/> when it never does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets the tags used for invalidation.</summary>
    /// <value>The default is an empty list.</value>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the id of the model that produced the response, when known.</summary>
    public string? ModelId { get; init; }

    /// <summary>Determines whether the entry has expired at a point in time.</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> when <see cref="ExpiresAt"/> is at or before <paramref name="now"/>.</returns>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiresAt && expiresAt <= now;

    /// <summary>Describes the entry by key and scope only, so that logging an entry never leaks prompt or response text.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"SemanticCacheEntry {{ Key = {Key}, ScopeHash = {ScopeHash}, Partition = {Partition} }}";
}
