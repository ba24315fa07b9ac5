using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace SemanticCache.Agent.Tests;

/// <summary>The built agent running as a process of its own (<c>dotnet SemanticCache.Agent.dll</c>), driven through its standard streams.</summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();

    private AgentProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the agent.</summary>
    /// <param name="args">The agent's command line.</param>
    /// <param name="environment">Variables to set for the agent.</param>
    /// <param name="catchesCtrlC">
    /// Starts it through <c>env --default-signal=INT</c>: a process started with SIGINT ignored (anything launched in the
    /// background by a shell without job control, as CI runners may do) passes that on, and .NET then leaves SIGINT
    /// ignored, so Ctrl+C could not be tested.
    /// </param>
    public static AgentProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, bool catchesCtrlC = false)
    {
        var agent = typeof(AgentProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AgentAssembly").Value!;
        var start = new ProcessStartInfo(catchesCtrlC ? "env" : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (catchesCtrlC)
        {
            start.ArgumentList.Add("--default-signal=INT"); // env then execs dotnet, so the process id stays the agent's
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(agent);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The agent's own variables must not leak in from the machine running the tests.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || k.StartsWith("AGENT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new AgentProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        process._process.OutputDataReceived += (_, e) => process.Append(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Append(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits until the output holds a text.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > timeout || _process.HasExited)
            {
                await Task.Delay(200);
                throw new TimeoutException($"The agent did not print '{text}'. Output so far:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Gets the files mapped into the process (its loaded assemblies and native libraries).</summary>
    public IReadOnlyList<string> MappedFiles() =>
        [.. File.ReadLines($"/proc/{_process.Id}/maps").Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6).Select(f => f[5]).Distinct()];

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"The agent did not exit within {timeout}. Output so far:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
