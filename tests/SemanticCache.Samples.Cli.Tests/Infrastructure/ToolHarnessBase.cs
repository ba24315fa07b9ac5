using SemanticCache.Samples.Cli;

namespace SemanticCache.Samples.Testing;

/// <summary>
/// Runs a tool in-process with captured output, a private environment, a temporary home directory and short
/// delays. Each tool's tests derive their <c>ToolHarness</c> from it (the file is linked into their projects).
/// </summary>
internal abstract class ToolHarnessBase : IDisposable
{
    /// <summary>Wide enough that no table of the tools wraps, so assertions can look for whole rows.</summary>
    public const int ConsoleWidth = 220;

    private readonly DirectoryInfo _home;

    protected ToolHarnessBase(string directoryPrefix)
    {
        _home = Directory.CreateTempSubdirectory(directoryPrefix);
    }

    public string Home => _home.FullName;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public bool Interactive { get; set; }

    public async Task<ToolRun> RunAsync(params string[] args) => await RunAsync(TestContext.Current.CancellationToken, args);

    public async Task<ToolRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new ToolContext
        {
            Out = ToolConsole.CreatePlain(output, ConsoleWidth),
            Error = ToolConsole.CreatePlain(error, ConsoleWidth),
            Environment = Environment,
            HomeDirectory = Home,
            PollInterval = TimeSpan.FromMilliseconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(5),
            IsInteractive = Interactive,
        };
        var code = await InvokeAsync(args, context, cancellationToken);
        return new ToolRun(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        try
        {
            _home.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server that a failed test left running may still hold files; the native tests stop theirs first.
        }
    }

    /// <summary>Runs the tool's entry point with the captured context.</summary>
    protected abstract Task<int> InvokeAsync(string[] args, ToolContext context, CancellationToken cancellationToken);
}
