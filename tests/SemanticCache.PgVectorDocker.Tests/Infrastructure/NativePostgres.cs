using System.Diagnostics;

namespace SemanticCache.PgVectorDocker.Tests;

/// <summary>
/// Whether this machine has the PostgreSQL server programs the native engine needs. Without them the native tests
/// are skipped locally and fail under CI=true (scripts/postgres.sh installs PostgreSQL there before the tests run).
/// </summary>
internal static class NativePostgres
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        try
        {
            PostgresBinaries.Locate(null, null, Environment.GetEnvironmentVariable("PATH"));
            return null;
        }
        catch (ToolException ex)
        {
            return ex.Message;
        }
    });

    public static void Require()
    {
        if (Unavailable.Value is not { } reason)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI must run the native engine against a real PostgreSQL: " + reason);
        }

        Assert.Skip("PostgreSQL server programs are not installed here: " + reason);
    }

    /// <summary>Stops a cluster a failed test may have left running, whatever state the test stopped in.</summary>
    public static void ForceStop(string dataDirectory)
    {
        var pgdata = Path.Combine(dataDirectory, "pgdata");
        if (!File.Exists(Path.Combine(pgdata, "postmaster.pid")))
        {
            return;
        }

        var pgCtl = PostgresBinaries.Locate(null, null, Environment.GetEnvironmentVariable("PATH")).PgCtl;
        var start = ProcessRunner.IsRoot
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", pgCtl, "stop", "-D", pgdata, "-m", "immediate" } }
            : new ProcessStartInfo(pgCtl) { ArgumentList = { "stop", "-D", pgdata, "-m", "immediate" } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        process.WaitForExit(30_000);
    }
}
