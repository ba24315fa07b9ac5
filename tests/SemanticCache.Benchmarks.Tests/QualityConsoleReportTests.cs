namespace SemanticCache.Benchmarks.Tests;

public sealed class QualityConsoleReportTests
{
    [Fact]
    public void Write_PrintsTableAucRecommendationAndComparison()
    {
        using var console = new TestConsole();

        QualityConsoleReport.Write(console.Console, SampleReports.Quality());

        var output = console.Output;
        Assert.Contains("400 queries", output, StringComparison.Ordinal);
        Assert.Contains("Valid hit ratio", output, StringComparison.Ordinal);
        Assert.Contains("0.80 ◀", output, StringComparison.Ordinal);
        Assert.Contains("P-CHR AUC", output, StringComparison.Ordinal);
        Assert.Contains("Recommended threshold for precision ≥ 93%: 0.80", output, StringComparison.Ordinal);
        Assert.Contains("Precision at equal hit ratio", output, StringComparison.Ordinal);
        Assert.Contains("Recommended threshold by target precision", output, StringComparison.Ordinal);
        Assert.Matches(@"│\s+95\.0% │\s+0\.80 │", output);
        Assert.Matches(@"│\s+99\.0% │\s+0\.91 │", output);
        Assert.Contains("the lexical verifier adds precision at equal hit ratio", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnreachableTarget_SaysSo()
    {
        using var console = new TestConsole();
        var run = new QualityRun("cache alone", [new(0.9, false), new(0.8, true), new(0.7, false)], 3, 1, 0);

        QualityConsoleReport.Write(console.Console, QualityReport.Create("m", "p", run, null, 0.97));

        Assert.Contains("No threshold reaches precision 97", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("equal hit ratio", console.Output, StringComparison.Ordinal);
    }
}
