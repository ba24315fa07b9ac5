namespace SemanticCache.Benchmarks.Tests;

public sealed class QualityReportTests
{
    [Fact]
    public void Create_CalibratesBothRuns()
    {
        var report = SampleReports.Quality();

        Assert.Equal(400, report.PlainCalibration.Pairs);
        Assert.NotNull(report.VerifiedCalibration);
        Assert.Equal(0.93, report.PlainCalibration.TargetPrecision);
        Assert.Equal(0.8, report.PlainCalibration.RecommendedThreshold!.Value, 9);
    }

    [Fact]
    public void EqualHitRatio_ComparesOnlyRatiosBothRunsReach()
    {
        var report = SampleReports.Quality();

        var rows = report.EqualHitRatio();

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(report.Verified!.PrecisionAtHitRatio(r.HitRatio) is not null));
        Assert.All(rows, r => Assert.Equal(report.Plain.PrecisionAtHitRatio(r.HitRatio), r.Plain));
        Assert.Contains(rows, r => r.Verified > r.Plain); // the sample verifier only drops wrong candidates
    }

    [Fact]
    public void EqualHitRatio_WithoutVerifierRun_IsEmpty()
    {
        var plain = SampleReports.Quality().Plain;

        Assert.Empty(QualityReport.Create("m", "p", plain, null, 0.97).EqualHitRatio());
    }
}
