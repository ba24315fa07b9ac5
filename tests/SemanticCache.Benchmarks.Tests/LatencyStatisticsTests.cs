namespace SemanticCache.Benchmarks.Tests;

public sealed class LatencyStatisticsTests
{
    [Fact]
    public void From_OneToHundred_UsesNearestRank()
    {
        var statistics = LatencyStatistics.From(Enumerable.Range(1, 100).Select(i => (double)i).Reverse());

        Assert.Equal(100, statistics.Samples);
        Assert.Equal(50, statistics.P50);
        Assert.Equal(95, statistics.P95);
        Assert.Equal(99, statistics.P99);
        Assert.Equal(100, statistics.Max);
        Assert.Equal(50.5, statistics.Mean, 9);
    }

    [Fact]
    public void From_SingleSample_IsEveryPercentile()
    {
        var statistics = LatencyStatistics.From([3.5]);

        Assert.Equal(new LatencyStatistics(1, 3.5, 3.5, 3.5, 3.5, 3.5), statistics);
    }

    [Fact]
    public void From_NoSamples_IsEmpty()
    {
        Assert.Same(LatencyStatistics.Empty, LatencyStatistics.From([]));
    }

    [Fact]
    public void Percentile_SmallSet_RoundsRankUp()
    {
        Assert.Equal(2, LatencyStatistics.Percentile([1.0, 2.0, 3.0], 0.5));
        Assert.Equal(3, LatencyStatistics.Percentile([1.0, 2.0, 3.0], 0.95));
    }
}
