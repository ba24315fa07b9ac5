using System.Diagnostics;

namespace SemanticCache.PgVectorDocker;

/// <summary>
/// Runs the PostgreSQL programs. PostgreSQL refuses to run as root, so as root they run as the <c>postgres</c> system
/// user through <c>runuser</c>.
/// </summary>
internal sealed class ProcessRunner
{
    public const string ServiceUser = "postgres";
    private readonly ToolOutput _output;

    public ProcessRunner(ToolOutput output)
    {
        _output = output;
    }

    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    public async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, bool asServiceUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asServiceUser && IsRoot)
        {
            start.FileName = FindRunuser();
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(ServiceUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Fixed locale: initdb and pg_ctl messages stay in English and parseable whatever the caller's locale.
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";
        _output.Debug($"run {start.FileName} {string.Join(' ', start.ArgumentList)}");

        using var process = Process.Start(start) ?? throw new ToolException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = (await stdout + await stderr).Trim();
        _output.Debug($"exit {process.ExitCode}{(text.Length > 0 ? ": " + text : string.Empty)}");
        return (process.ExitCode, text);
    }

    public async Task<string> RunCheckedAsync(string program, IReadOnlyList<string> arguments, bool asServiceUser, CancellationToken cancellationToken)
    {
        var (code, output) = await RunAsync(program, arguments, asServiceUser, cancellationToken);
        if (code != 0)
        {
            throw new ToolException($"{Path.GetFileName(program)} failed (exit code {code}): {output}");
        }

        return output;
    }

    /// <summary>Makes a directory the service user's own, when running as root.</summary>
    public async Task GiveToServiceUserAsync(string path, CancellationToken cancellationToken)
    {
        if (!IsRoot)
        {
            return;
        }

        var users = await File.ReadAllLinesAsync("/etc/passwd", cancellationToken);
        if (!users.Any(line => line.StartsWith(ServiceUser + ":", StringComparison.Ordinal)))
        {
            throw new ToolException(
                $"Running as root, --engine native runs PostgreSQL as the '{ServiceUser}' system user, which does not exist. " +
                "Install the PostgreSQL server package (it creates the user) or run the tool as a regular user.");
        }

        await RunCheckedAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", path], asServiceUser: false, cancellationToken);
    }

    private static string FindRunuser()
    {
        foreach (var candidate in new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ToolException("Running as root needs runuser (util-linux) to start PostgreSQL as the 'postgres' user; run the tool as a regular user instead.");
    }
}
