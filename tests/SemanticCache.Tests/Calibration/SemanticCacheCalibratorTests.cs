namespace SemanticCache.Tests;

public sealed class SemanticCacheCalibratorTests
{
    [Fact]
    public void Calibrate_HandComputedSet_ReportsEveryMeasureAtEachThreshold()
    {
        SemanticCacheScoredPair[] pairs =
        [
            new(0.95, true), new(0.92, true), new(0.90, false), new(0.85, true), new(0.70, false), new(0.60, false),
        ];

        var result = SemanticCacheCalibrator.Calibrate(pairs, targetPrecision: 0.9);

        var at091 = result.Points[91];
        Assert.Equal((0.91, 2, 2), (at091.Threshold, at091.Hits, at091.CorrectHits));
        Assert.Equal(1.0, at091.Precision);
        Assert.Equal(2.0 / 3, at091.Recall, 1e-9);
        Assert.Equal(2.0 / 6, at091.HitRatio, 1e-9);
        Assert.Equal(2.0 / 6, at091.ValidHitRatio, 1e-9);
        var at085 = result.Points[85];
        Assert.Equal((4, 3), (at085.Hits, at085.CorrectHits));
        Assert.Equal(0.75, at085.Precision);
        Assert.Equal(0.91, result.RecommendedThreshold);
        Assert.Equal(6, result.Pairs);
        Assert.Equal(3, result.Positives);
        Assert.NotNull(result.ConfidenceNote); // six pairs are far too few
    }

    [Fact]
    public void Calibrate_PerfectSeparation_AucIsTheIdealCurve()
    {
        var pairs = Enumerable.Range(0, 500).Select(i => new SemanticCacheScoredPair(i < 200 ? 0.95 - (i * 0.0001) : 0.5 - (i * 0.0001), i < 200)).ToList();

        var result = SemanticCacheCalibrator.Calibrate(pairs, 0.99);

        Assert.Equal(0.4 * (1 + Math.Log(1 / 0.4)), result.PrecisionHitRatioAuc, 3); // precision 1 up to 0.4, then 0.4 / hit ratio
        Assert.Equal(0.48, result.RecommendedThreshold); // one negative (0.48) in 201 hits still keeps precision ≥ 0.99
        Assert.Equal(1.0, result.Recommended!.Value.Recall);
        Assert.Contains("lower bound", result.ConfidenceNote, StringComparison.Ordinal); // 200 of 201 cannot prove 99 % at 95 % confidence
    }

    [Fact]
    public void Calibrate_NoThresholdReachesTarget_RecommendsNothing()
    {
        var result = SemanticCacheCalibrator.Calibrate([new SemanticCacheScoredPair(0.99, false), new SemanticCacheScoredPair(0.98, false)], 0.9);

        Assert.Null(result.RecommendedThreshold);
        Assert.Contains("No threshold", result.ConfidenceNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalibrateAsync_EmbedsBothPromptsOfEachPair()
    {
        var generator = new TestEmbeddingGenerator();
        SemanticCacheLabelledPair[] pairs =
        [
            new("how to boil an egg", "how to boil an egg", true),
            new("how to boil an egg", "stock price of tesla", false),
        ];

        var result = await SemanticCacheCalibrator.CalibrateAsync(pairs, generator, 0.95, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, generator.Inputs);
        Assert.Equal(0.5, result.Points[50].HitRatio); // only the identical pair is similar
        Assert.Equal(1.0, result.Points[50].Precision);
        Assert.InRange(result.RecommendedThreshold!.Value, 0.0, 0.99);
    }

    [Fact]
    public void Calibrate_BadTarget_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SemanticCacheCalibrator.Calibrate([], 1.5));
}
