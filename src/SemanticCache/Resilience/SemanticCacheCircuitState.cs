namespace SemanticCache;

/// <summary>The state of the circuit breaker in front of the store.</summary>
public enum SemanticCacheCircuitState
{
    /// <summary>The store is used normally.</summary>
    Closed,

    /// <summary>The store failed repeatedly and is skipped until the break duration has passed.</summary>
    Open,

    /// <summary>The break duration has passed; the next store operation is a probe that closes or reopens the circuit.</summary>
    HalfOpen,
}
