namespace SemanticCache;

/// <summary>
/// Keys under which per-request cache controls are stored in <c>ChatOptions.AdditionalProperties</c>.
/// Prefer the <see cref="ChatOptionsExtensions"/> methods; the keys are documented for callers that build options from configuration.
/// Keys starting with <see cref="Prefix"/> never enter the cache scope.
/// </summary>
public static class SemanticCacheRequestKeys
{
    /// <summary>The prefix shared by every key; such entries are excluded from the exact-match scope.</summary>
    public const string Prefix = "semantic_cache.";

    /// <summary>A <see cref="bool"/>: <see langword="true"/> skips the cache entirely (no read, no write).</summary>
    public const string Bypass = "semantic_cache.bypass";

    /// <summary>A <see cref="bool"/>: <see langword="true"/> skips the read but writes the fresh answer.</summary>
    public const string Refresh = "semantic_cache.refresh";

    /// <summary>A <see cref="double"/>: the similarity threshold for this request (a hit requires cosine similarity ≥ threshold).</summary>
    public const string Threshold = "semantic_cache.threshold";

    /// <summary>A <see cref="TimeSpan"/>: the time to live of the entry written by this request.</summary>
    public const string TimeToLive = "semantic_cache.ttl";

    /// <summary>A <see cref="string"/> array: tags attached to the entry written by this request.</summary>
    public const string Tags = "semantic_cache.tags";

    /// <summary>A <see cref="string"/>: the partition (tenant or user) of this request.</summary>
    public const string Partition = "semantic_cache.partition";
}
