namespace SemanticCache;

/// <summary>The decision of <see cref="SemanticCacheOptions.TimeToLivePolicy"/>: how long an entry lives, or that it is not stored.</summary>
public readonly record struct SemanticCacheTtlDecision
{
    private SemanticCacheTtlDecision(bool store, TimeSpan? timeToLive)
    {
        Store = store;
        TimeToLive = timeToLive;
    }

    /// <summary>Gets a value indicating whether the response is stored.</summary>
    public bool Store { get; }

    /// <summary>Gets the entry's lifetime, or <see langword="null"/> for no expiry.</summary>
    public TimeSpan? TimeToLive { get; }

    /// <summary>Gets the decision not to store the response (e.g. a time-sensitive answer).</summary>
    public static SemanticCacheTtlDecision DoNotCache { get; } = new(false, null);

    /// <summary>Gets the decision to store the response without expiry (e.g. a static FAQ answer).</summary>
    public static SemanticCacheTtlDecision NeverExpire { get; } = new(true, null);

    /// <summary>Stores the response for a given time.</summary>
    /// <param name="timeToLive">The lifetime; must be positive.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is zero or negative.</exception>
    public static SemanticCacheTtlDecision Expire(TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        return new(true, timeToLive);
    }
}
