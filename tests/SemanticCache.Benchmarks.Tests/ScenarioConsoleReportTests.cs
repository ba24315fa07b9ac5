namespace SemanticCache.Benchmarks.Tests;

public sealed class ScenarioConsoleReportTests
{
    [Fact]
    public void Write_PrintsBackendsSideBySideWithTheSimulatedModelLine()
    {
        using var console = new TestConsole();

        ScenarioConsoleReport.Write(console.Console, SampleReports.Scenario());

        var output = console.Output;
        Assert.Contains("Scenarios side by side", output, StringComparison.Ordinal);
        var hitRows = output.Split('\n').Where(l => l.Contains("cache hits", StringComparison.Ordinal) || (l.Contains("pgvector", StringComparison.Ordinal) && l.Contains("0.060", StringComparison.Ordinal))).ToArray();
        Assert.Contains(hitRows, l => l.Contains("memory", StringComparison.Ordinal) && l.Contains("0.020", StringComparison.Ordinal) && l.Contains("100%", StringComparison.Ordinal));
        Assert.Contains(hitRows, l => l.Contains("pgvector", StringComparison.Ordinal) && l.Contains("0.060", StringComparison.Ordinal));
        Assert.Contains("concurrent reads ×5", output, StringComparison.Ordinal);
        Assert.Contains("simulated model", output, StringComparison.Ordinal);
        Assert.Contains("Which city is the capital of France?", output, StringComparison.Ordinal);
        Assert.Contains("1 of 2 variants served from their base", output, StringComparison.Ordinal);
        Assert.Contains("100.0 MB", output, StringComparison.Ordinal);
        Assert.Contains("scylla: unavailable, not configured", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0123, "0.012")]
    [InlineData(12.345, "12.35")]
    [InlineData(1234.5, "1234.5")]
    public void Milliseconds_ChoosesPrecisionByMagnitude(double value, string expected)
    {
        Assert.Equal(expected, ScenarioConsoleReport.Milliseconds(value));
    }
}
