namespace SemanticCache.Benchmarks;

/// <summary>Latency percentiles (nearest rank), maximum and mean of a set of samples, in milliseconds.</summary>
public sealed record LatencyStatistics(int Samples, double P50, double P95, double P99, double Max, double Mean)
{
    public static LatencyStatistics Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public static LatencyStatistics From(IEnumerable<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        return new LatencyStatistics(
            sorted.Length,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.95),
            Percentile(sorted, 0.99),
            sorted[^1],
            sorted.Average());
    }

    /// <summary>The nearest-rank percentile: the smallest sample with at least <paramref name="fraction"/> of the samples at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
