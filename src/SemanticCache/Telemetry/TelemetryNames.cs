namespace SemanticCache;

/// <summary>Instrument, activity and tag names (lowercase, dotted, snake_case parts, as OpenTelemetry semantic conventions).</summary>
internal static class TelemetryNames
{
    public const string Lookups = "semantic_cache.lookups";
    public const string LookupDuration = "semantic_cache.lookup.duration";
    public const string EmbeddingDuration = "semantic_cache.embedding.duration";
    public const string StoreOperationDuration = "semantic_cache.store.operation.duration";
    public const string Similarity = "semantic_cache.similarity";
    public const string EntriesWritten = "semantic_cache.entries.written";
    public const string WriteFailures = "semantic_cache.write.failures";
    public const string CircuitState = "semantic_cache.circuit_breaker.state";
    public const string CircuitTransitions = "semantic_cache.circuit_breaker.transitions";

    public const string LookupActivity = "semantic_cache.lookup";
    public const string EmbeddingActivity = "semantic_cache.embed";
    public const string StoreActivityPrefix = "semantic_cache.store.";

    public const string CacheNameTag = "semantic_cache.name";
    public const string ResultTag = "semantic_cache.result";
    public const string TierTag = "semantic_cache.tier";
    public const string SimilarityTag = "semantic_cache.similarity";
    public const string OperationTag = "semantic_cache.store.operation";
    public const string StoreTypeTag = "semantic_cache.store.type";
    public const string ReasonTag = "semantic_cache.reason";
    public const string StateTag = "semantic_cache.circuit_breaker.state";
    public const string PromptTag = "semantic_cache.prompt";
    public const string ErrorTypeTag = "error.type";

    public static string ToTagValue(this SemanticCacheLookupResult result) => result switch
    {
        SemanticCacheLookupResult.HitExact => "hit-exact",
        SemanticCacheLookupResult.HitSemantic => "hit-semantic",
        SemanticCacheLookupResult.HitCoalesced => "hit-coalesced",
        SemanticCacheLookupResult.Miss => "miss",
        SemanticCacheLookupResult.Bypass => "bypass",
        SemanticCacheLookupResult.Error => "error",
        _ => "timeout",
    };

    public static string ToTagValue(this SemanticCacheTier tier) => tier switch
    {
        SemanticCacheTier.L1 => "l1",
        SemanticCacheTier.Store => "store",
        SemanticCacheTier.Flight => "flight",
        _ => "none",
    };

    public static string ToTagValue(this SemanticCacheCircuitState state) => state switch
    {
        SemanticCacheCircuitState.Open => "open",
        SemanticCacheCircuitState.HalfOpen => "half_open",
        _ => "closed",
    };
}
