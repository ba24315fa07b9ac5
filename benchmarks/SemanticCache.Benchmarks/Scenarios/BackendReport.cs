namespace SemanticCache.Benchmarks;

/// <summary>Everything measured on one backend.</summary>
public sealed record BackendReport(string Backend, BackendStatus Status)
{
    /// <summary>Gets what the backend is (store type, schema and table), or why it did not run.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the reason it did not run or stopped, when <see cref="Status"/> is not <see cref="BackendStatus.Measured"/>.</summary>
    public string? Message { get; init; }

    public IReadOnlyList<ScenarioResult> Results { get; init; } = [];

    public IReadOnlyList<SimilarityPairResult> SimilarityPairs { get; init; } = [];

    public MemorySnapshot? MemoryBefore { get; init; }

    public MemorySnapshot? MemoryAfter { get; init; }

    /// <summary>Gets the cache's own lookup counters by result (hit_exact, miss, timeout, error...) over the whole run.</summary>
    public IReadOnlyDictionary<string, long> LookupResults { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the store writes that failed or were dropped over the whole run.</summary>
    public long WriteFailures { get; init; }
}
