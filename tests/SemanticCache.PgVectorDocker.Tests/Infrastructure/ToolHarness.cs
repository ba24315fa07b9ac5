using Spectre.Console;

namespace SemanticCache.PgVectorDocker.Tests;

/// <summary>Runs the tool in-process with captured output, a private environment and a temporary home directory.</summary>
internal sealed class ToolHarness : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("pgvector-tool-tests-");

    public ToolHarness()
    {
        if (!OperatingSystem.IsWindows())
        {
            // The native engine runs PostgreSQL as the postgres user when the tests run as root: it must enter this directory.
            File.SetUnixFileMode(_home.FullName, (UnixFileMode)0b111_101_101);
        }
    }

    public string Home => _home.FullName;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public bool Interactive { get; set; }

    /// <summary>Points the tool at a fake Docker daemon through DOCKER_HOST, as a user would.</summary>
    public static ToolHarness For(FakeDockerDaemon daemon)
    {
        var harness = new ToolHarness();
        harness.Environment["DOCKER_HOST"] = daemon.Host;
        return harness;
    }

    public async Task<ToolRun> RunAsync(params string[] args) => await RunAsync(TestContext.Current.CancellationToken, args);

    public async Task<ToolRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new ToolContext
        {
            Out = CreateConsole(output),
            Error = CreateConsole(error),
            Environment = Environment,
            HomeDirectory = Home,
            PollInterval = TimeSpan.FromMilliseconds(20),
            IsInteractive = Interactive,
        };
        var code = await PgVectorDockerApp.RunAsync(args, context, cancellationToken);
        return new ToolRun(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            _home.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server that a failed test left running may still hold files; the native tests stop theirs first.
        }
    }

    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 220;
        return console;
    }
}
