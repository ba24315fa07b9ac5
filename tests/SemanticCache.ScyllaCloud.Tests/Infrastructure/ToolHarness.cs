using Spectre.Console;

namespace SemanticCache.ScyllaCloud.Tests;

/// <summary>Runs the tool in-process with captured output, a private environment and a temporary home directory.</summary>
internal sealed class ToolHarness : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("scylla-cloud-tests-");

    public string Home => _home.FullName;

    public string StatePath => Path.Combine(Home, "state", "clusters.json");

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public bool Interactive { get; set; }

    /// <summary>Points the tool at a fake API: the token comes from the environment, URL and state file from the command line.</summary>
    public static ToolHarness For(FakeScyllaCloudApi api)
    {
        var harness = new ToolHarness();
        harness.Environment["SCYLLA_CLOUD_API_TOKEN"] = FakeScyllaCloudApi.Token;
        harness.Environment["SCYLLA_CLOUD_API_URL"] = api.BaseAddress.ToString();
        harness.Environment["SCYLLA_CLOUD_STATE_FILE"] = harness.StatePath;
        return harness;
    }

    public async Task<ToolRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new ToolContext
        {
            Out = CreateConsole(output),
            Error = CreateConsole(error),
            Environment = Environment,
            HomeDirectory = Home,
            RetryDelay = TimeSpan.FromMilliseconds(5),
            IsInteractive = Interactive,
        };
        var code = await ScyllaCloudApp.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new ToolRun(code, output.ToString(), error.ToString());
    }

    public string ReadState() => File.ReadAllText(StatePath);

    public void Dispose() => _home.Delete(recursive: true);

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
