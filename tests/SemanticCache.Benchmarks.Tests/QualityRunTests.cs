namespace SemanticCache.Benchmarks.Tests;

public sealed class QualityRunTests
{
    [Fact]
    public void PrecisionAtHitRatio_TakesTheMostSimilarServedQueries()
    {
        var run = new QualityRun(
            "run",
            [new(0.9, true), new(0.8, false), new(0.7, true), new(QualityRun.NotServed, false)],
            4,
            2,
            0);

        Assert.Equal(1.0, run.PrecisionAtHitRatio(0.25));
        Assert.Equal(0.5, run.PrecisionAtHitRatio(0.5));
        Assert.Equal(2 / 3.0, run.PrecisionAtHitRatio(0.75)!.Value, 9);
        Assert.Null(run.PrecisionAtHitRatio(1.0)); // only three were served
        Assert.Null(run.PrecisionAtHitRatio(0.01));
        Assert.Equal(3, run.Served);
    }
}
