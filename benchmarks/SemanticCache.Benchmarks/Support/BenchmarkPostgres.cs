using System.Diagnostics;

namespace SemanticCache.Benchmarks.Support;

/// <summary>Finds a PostgreSQL + pgvector server for benchmarks: <c>SEMANTICCACHE_TEST_POSTGRES</c>, else <c>scripts/postgres.sh start</c>.</summary>
public static class BenchmarkPostgres
{
    public static string ConnectionString()
    {
        if (Environment.GetEnvironmentVariable("SEMANTICCACHE_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        var script = FindScript() ?? throw new InvalidOperationException(
            "No PostgreSQL server: set SEMANTICCACHE_TEST_POSTGRES to a connection string, or run from the repository so scripts/postgres.sh can start one.");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && output.Length > 0
            ? output
            : throw new InvalidOperationException($"scripts/postgres.sh start failed with exit code {process.ExitCode}.");
    }

    private static string? FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "scripts", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
