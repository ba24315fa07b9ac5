using System.Diagnostics;

namespace SemanticCache.Samples.Testing;

/// <summary>Runs a tool as a separate process, as a user would: its real <c>Main</c>, real environment and real consoles.</summary>
internal static class ToolProcess
{
    /// <summary>Runs <c>dotnet {assembly}</c> from the test output folder with the given environment variables added.</summary>
    public static async Task<ToolRun> RunAsync(string assemblyFileName, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assemblyFileName));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new ToolRun(process.ExitCode, await output, await error);
    }
}
