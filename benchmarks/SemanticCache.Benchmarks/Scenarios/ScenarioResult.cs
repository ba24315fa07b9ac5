namespace SemanticCache.Benchmarks;

/// <summary>What one scenario measured on one backend.</summary>
/// <param name="Scenario">The scenario's name, e.g. <c>cache hits</c> or <c>concurrent reads</c>.</param>
/// <param name="Concurrency">The number of concurrent callers (1 for the sequential scenarios).</param>
/// <param name="Operations">The operations attempted.</param>
/// <param name="Successes">The operations that completed.</param>
/// <param name="Failures">The operations that threw.</param>
/// <param name="Hits">The completed operations that the cache served (exact, semantic or coalesced).</param>
/// <param name="Latency">The latency of the completed operations.</param>
/// <param name="ElapsedSeconds">The wall-clock time of the whole scenario.</param>
public sealed record ScenarioResult(
    string Scenario, int Concurrency, int Operations, int Successes, int Failures, int Hits, LatencyStatistics Latency, double ElapsedSeconds)
{
    /// <summary>Gets the completed operations per second of wall-clock time.</summary>
    public double OperationsPerSecond => ElapsedSeconds > 0 ? Successes / ElapsedSeconds : 0;

    /// <summary>Gets the share of completed operations the cache served.</summary>
    public double HitRate => Successes > 0 ? (double)Hits / Successes : 0;

    /// <summary>Gets the first error message, when an operation failed.</summary>
    public string? FirstError { get; init; }
}
