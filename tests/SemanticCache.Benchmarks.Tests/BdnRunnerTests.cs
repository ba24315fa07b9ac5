namespace SemanticCache.Benchmarks.Tests;

public sealed class BdnRunnerTests
{
    [Fact]
    public async Task RunAsync_BdnList_HandsTheArgumentsToBenchmarkDotNet()
    {
        using var console = new TestConsole();
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var code = await new BenchmarkCli(console.Console).RunAsync(["--bdn", "--list", "flat", "--filter", "*Canonicalization*"], cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(BenchmarkCli.Success, code);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Contains("SemanticCache.Benchmarks.Core.CanonicalizationBenchmarks.SemanticCacheKey", captured.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ExactHitBenchmarks", captured.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BdnSubcommandWithoutBenchmarks_Succeeds()
    {
        using var console = new TestConsole();
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            Assert.Equal(BenchmarkCli.Success, BdnRunner.Run(["--list", "flat", "--filter", "*NoSuchBenchmark*"], console.Console));
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
