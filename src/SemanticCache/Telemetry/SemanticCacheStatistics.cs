namespace SemanticCache;

/// <summary>A snapshot of a cache's counters, for applications that do not run OpenTelemetry.</summary>
public sealed class SemanticCacheStatistics
{
    /// <summary>Gets the number of lookups, by result.</summary>
    public required IReadOnlyDictionary<SemanticCacheLookupResult, long> LookupsByResult { get; init; }

    /// <summary>Gets the number of hits, by the tier that answered.</summary>
    public required IReadOnlyDictionary<SemanticCacheTier, long> HitsByTier { get; init; }

    /// <summary>Gets the total number of lookups.</summary>
    public long Lookups => LookupsByResult.Values.Sum();

    /// <summary>Gets the number of hits of every kind.</summary>
    public long Hits => Count(SemanticCacheLookupResult.HitExact) + Count(SemanticCacheLookupResult.HitSemantic) + Count(SemanticCacheLookupResult.HitCoalesced);

    /// <summary>Gets the fraction of lookups (bypasses excluded) that were hits, or 0 when there were none.</summary>
    public double HitRatio
    {
        get
        {
            var considered = Lookups - Count(SemanticCacheLookupResult.Bypass);
            return considered == 0 ? 0 : (double)Hits / considered;
        }
    }

    /// <summary>Gets the mean duration of a lookup (exact lookup, embedding and nearest-neighbour search) over all lookups.</summary>
    public required TimeSpan MeanLookupDuration { get; init; }

    /// <summary>Gets the 95th percentile of the lookup duration over the most recent lookups (up to 2,048).</summary>
    public required TimeSpan P95LookupDuration { get; init; }

    /// <summary>Gets the number of entries written to the store.</summary>
    public required long EntriesWritten { get; init; }

    /// <summary>Gets the number of writes that failed or timed out.</summary>
    public required long WriteFailures { get; init; }

    /// <summary>Gets the number of background writes dropped because the write queue was full.</summary>
    public required long WritesDropped { get; init; }

    /// <summary>Gets the current state of the store's circuit breaker.</summary>
    public required SemanticCacheCircuitState CircuitState { get; init; }

    /// <summary>Gets the number of lookups with a given result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The count.</returns>
    public long Count(SemanticCacheLookupResult result) => LookupsByResult.TryGetValue(result, out var count) ? count : 0;
}
