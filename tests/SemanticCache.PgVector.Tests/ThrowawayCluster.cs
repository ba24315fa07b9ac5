using System.Diagnostics;

namespace SemanticCache.PgVector.Tests;

/// <summary>
/// A second PostgreSQL cluster of the test's own, started with scripts/postgres.sh in a state directory of its own,
/// so a test can stop and restart a server without disturbing the one the other tests share.
/// </summary>
internal sealed class ThrowawayCluster : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _stateDirectory;

    private ThrowawayCluster(string script, string stateDirectory, string connectionString)
    {
        _script = script;
        _stateDirectory = stateDirectory;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>
    /// Starts a cluster, or skips the test when that is impossible here (no script, PostgreSQL not installed and no
    /// root to install it). Under CI=true with the shared server started by the script, failing to start is a failure.
    /// </summary>
    public static async Task<ThrowawayCluster> StartAsync(CancellationToken cancellationToken)
    {
        var script = FindScript();
        var stateDirectory = Path.Combine(Path.GetTempPath(), "semanticcache-pgtest-" + Guid.NewGuid().ToString("N")[..12]);
        if (script is null)
        {
            SkipOrFail("scripts/postgres.sh was not found above " + AppContext.BaseDirectory);
        }

        var (code, output, error) = await RunAsync(script!, stateDirectory, ["start"], cancellationToken);
        if (code != 0 || string.IsNullOrWhiteSpace(output))
        {
            await RunAsync(script!, stateDirectory, ["stop"], CancellationToken.None);
            SkipOrFail($"scripts/postgres.sh start exited with {code}: {Tail(error)}");
        }

        return new ThrowawayCluster(script!, stateDirectory, output.Trim());
    }

    /// <summary>Stops the server and keeps its data and port.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => RunCheckedAsync(["stop", "--keep"], cancellationToken);

    /// <summary>Starts the stopped server again on the same port with the same data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        var (code, output, error) = await RunAsync(_script, _stateDirectory, ["start"], cancellationToken);
        Assert.True(code == 0, $"scripts/postgres.sh start exited with {code}: {Tail(error)}");
        Assert.Equal(ConnectionString, output.Trim());
    }

    public async ValueTask DisposeAsync() => await RunAsync(_script, _stateDirectory, ["stop"], CancellationToken.None);

    private static void SkipOrFail(string why)
    {
        // A CI run whose shared server came from the script can run the script again: not starting is a real failure.
        var sharedState = Environment.GetEnvironmentVariable("SEMANTICCACHE_POSTGRES_STATE_DIR") ?? "/tmp/semanticcache-postgres";
        if (TestPostgres.IsCi && File.Exists(Path.Combine(sharedState, "env")))
        {
            Assert.Fail(why);
        }

        Assert.Skip("A restartable PostgreSQL cluster is not available here (the shared server is external or not installed): " + why);
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

    private static async Task<(int Code, string Output, string Error)> RunAsync(
        string script, string stateDirectory, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SEMANTICCACHE_POSTGRES_STATE_DIR"] = stateDirectory;
        start.Environment.Remove(TestPostgres.Variable);
        start.Environment["SEMANTICCACHE_POSTGRES_NO_INSTALL"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];

    private async Task RunCheckedAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var (code, _, error) = await RunAsync(_script, _stateDirectory, arguments, cancellationToken);
        Assert.True(code == 0, $"scripts/postgres.sh {string.Join(' ', arguments)} exited with {code}: {Tail(error)}");
    }
}
