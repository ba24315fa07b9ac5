namespace SemanticCache;

/// <summary>
/// Keys under which a served hit is described in <c>ChatResponse.AdditionalProperties</c> (and, when streaming, in the
/// last update's). <see cref="SemanticCacheChatResponseExtensions.GetSemanticCacheHit(Microsoft.Extensions.AI.ChatResponse)"/> reads them back.
/// </summary>
public static class SemanticCacheResponseKeys
{
    /// <summary>A <see cref="bool"/>, always <see langword="true"/>: the response was served by the cache.</summary>
    public const string Hit = "semantic_cache.hit";

    /// <summary>A <see cref="string"/>: <c>exact</c>, <c>semantic</c> or <c>coalesced</c>.</summary>
    public const string HitKind = "semantic_cache.hit_kind";

    /// <summary>A <see cref="string"/>: the tier that answered, <c>l1</c>, <c>store</c> or <c>flight</c>.</summary>
    public const string Tier = "semantic_cache.tier";

    /// <summary>A <see cref="double"/>: the similarity of the served entry to the request (1 for exact and coalesced hits).</summary>
    public const string Similarity = "semantic_cache.similarity";

    /// <summary>A <see cref="string"/>: the key of the served entry; pass it to <see cref="ISemanticCache.InvalidateAsync"/> to remove a wrong answer.</summary>
    public const string EntryKey = "semantic_cache.entry_key";

    /// <summary>A <see cref="System.TimeSpan"/>: how long ago the served entry was written.</summary>
    public const string EntryAge = "semantic_cache.entry_age";

    /// <summary>
    /// A <c>UsageDetails</c>: the token usage of the original model call. The response's own <c>Usage</c> reports zero
    /// tokens, because serving the hit consumed none.
    /// </summary>
    public const string OriginalUsage = "semantic_cache.original_usage";
}
