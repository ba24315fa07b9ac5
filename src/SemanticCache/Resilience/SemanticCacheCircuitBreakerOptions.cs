namespace SemanticCache;

/// <summary>Options of the circuit breaker that skips a failing store for a while instead of paying its timeouts on every call.</summary>
public sealed class SemanticCacheCircuitBreakerOptions
{
    /// <summary>Gets or sets a value indicating whether the circuit breaker is enabled.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many consecutive store failures (errors or timeouts) open the circuit.</summary>
    /// <value>The default is 5. Valid values are 1 to 1000.</value>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Gets or sets how long the store is skipped once the circuit opens, before one probe is let through.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
