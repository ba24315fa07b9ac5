namespace SemanticCache;

/// <summary>Which tier answered a lookup; reported as the <c>semantic_cache.tier</c> tag.</summary>
public enum SemanticCacheTier
{
    /// <summary>No tier answered (a miss, bypass, error or timeout).</summary>
    None,

    /// <summary>The in-process exact-match tier (<c>l1</c>).</summary>
    L1,

    /// <summary>The <see cref="ISemanticCacheStore"/> (<c>store</c>).</summary>
    Store,

    /// <summary>A concurrent identical request in flight (<c>flight</c>).</summary>
    Flight,
}
