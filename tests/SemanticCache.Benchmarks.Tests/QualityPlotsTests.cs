namespace SemanticCache.Benchmarks.Tests;

public sealed class QualityPlotsTests
{
    [Fact]
    public void Write_WritesPrecisionAgainstHitRatio()
    {
        using var directory = new TemporaryDirectory();

        var path = QualityPlots.Write(SampleReports.Quality(), Path.Combine(directory.Path, "charts"));

        Assert.Equal(QualityPlots.FileName, Path.GetFileName(path));
        Assert.Equal((900, 650), Png.AssertImage(path));
    }
}
