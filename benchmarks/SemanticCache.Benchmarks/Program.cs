using Spectre.Console;

namespace SemanticCache.Benchmarks;

/// <summary>
/// The benchmark's entry point. <c>dotnet run -c Release --project benchmarks/SemanticCache.Benchmarks</c> runs the
/// scenario benchmark; <c>-- quality</c> calibrates the threshold; <c>-- --bdn --filter '*Core*'</c> runs BenchmarkDotNet
/// suites. See benchmarks/README.md.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected && console.Profile.Width < 160)
        {
            console.Profile.Width = 160; // logs and pipes get the whole tables, not 80 squeezed columns
        }

        return await new BenchmarkCli(console).RunAsync(args, cancellationToken: cancellation.Token);
    }
}
