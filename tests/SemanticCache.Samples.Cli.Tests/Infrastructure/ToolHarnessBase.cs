using System.CommandLine;
using SemanticCache.Samples.Cli;

namespace SemanticCache.Samples.Testing;

/// <summary>
/// Runs a tool's command tree in-process, as <c>Program</c> does, with captured output, a private environment, a
/// temporary home directory and short delays. Each tool's tests derive their <c>ToolHarness</c> from it (the file is
/// linked into their projects).
/// </summary>
public abstract class ToolHarnessBase : IDisposable
{
    /// <summary>Wide enough that no table of the tools wraps, so assertions can look for whole rows.</summary>
    public const int ConsoleWidth = 220;

    private readonly DirectoryInfo _home;
    private readonly Func<ToolContext, RootCommand> _buildRootCommand;

    protected ToolHarnessBase(string directoryPrefix, Func<ToolContext, RootCommand> buildRootCommand)
    {
        _buildRootCommand = buildRootCommand;
        _home = Directory.CreateTempSubdirectory(directoryPrefix);
    }

    public string Home => _home.FullName;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public bool Interactive { get; set; }

    /// <summary>Builds the tool's command tree, for tests that inspect its commands and options.</summary>
    public RootCommand BuildRootCommand() => _buildRootCommand(TestToolContext.Create());

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
        var code = await ToolApp.RunAsync(_buildRootCommand, args, context, cancellationToken);
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
}
