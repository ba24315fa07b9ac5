namespace SemanticCache;

/// <summary>How a served response matched the request.</summary>
public enum SemanticCacheHitKind
{
    /// <summary>Same scope and same normalised prompt text.</summary>
    Exact,

    /// <summary>Same scope and a prompt similar enough by meaning.</summary>
    Semantic,

    /// <summary>Shared from a concurrent identical request that called the model.</summary>
    Coalesced,
}
