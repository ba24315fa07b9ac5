namespace SemanticCache;

/// <summary>How a lookup ended; reported as the <c>semantic_cache.result</c> tag and counted by <see cref="ISemanticCache.GetStatistics"/>.</summary>
public enum SemanticCacheLookupResult
{
    /// <summary>An entry with the same exact key was served (<c>hit-exact</c>).</summary>
    HitExact,

    /// <summary>An entry similar enough by meaning was served (<c>hit-semantic</c>).</summary>
    HitSemantic,

    /// <summary>The answer of a concurrent identical request was shared (<c>hit-coalesced</c>).</summary>
    HitCoalesced,

    /// <summary>Nothing suitable was cached; the inner client answered (<c>miss</c>).</summary>
    Miss,

    /// <summary>The cache was skipped: by request, because the request is not cacheable, or while the circuit breaker is open (<c>bypass</c>).</summary>
    Bypass,

    /// <summary>The store, the embedding generator or a stored entry failed; the inner client answered (<c>error</c>).</summary>
    Error,

    /// <summary>The lookup exceeded <see cref="SemanticCacheOptions.LookupTimeout"/>; the inner client answered (<c>timeout</c>).</summary>
    Timeout,
}
