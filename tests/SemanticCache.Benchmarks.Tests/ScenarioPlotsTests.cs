namespace SemanticCache.Benchmarks.Tests;

public sealed class ScenarioPlotsTests
{
    [Fact]
    public void Write_WithConcurrency_WritesThreeCharts()
    {
        using var directory = new TemporaryDirectory();

        var paths = ScenarioPlots.Write(SampleReports.Scenario(), Path.Combine(directory.Path, "plots"));

        Assert.Equal([ScenarioPlots.LatencyFileName, ScenarioPlots.ThroughputFileName, ScenarioPlots.ConcurrentLatencyFileName], paths.Select(Path.GetFileName));
        var (width, _) = Png.AssertImage(paths[0]);
        Assert.True(width >= 900);
        Png.AssertImage(paths[1]);
        Png.AssertImage(paths[2]);
    }

    [Fact]
    public void Write_WithoutConcurrency_WritesTheLatencyChartOnly()
    {
        using var directory = new TemporaryDirectory();

        var paths = ScenarioPlots.Write(SampleReports.Scenario(concurrency: false), directory.Path);

        Assert.Equal([ScenarioPlots.LatencyFileName], paths.Select(Path.GetFileName));
        Png.AssertImage(paths[0]);
    }

    [Fact]
    public void Write_NothingMeasured_WritesNothing()
    {
        using var directory = new TemporaryDirectory();
        var report = SampleReports.Scenario() with { Backends = [new BackendReport("scylla", BackendStatus.Unavailable)] };

        Assert.Empty(ScenarioPlots.Write(report, directory.Path));
    }
}
