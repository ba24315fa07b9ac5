using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class ScyllaCloudAppTests
{
    public static TheoryData<string> Commands => ["create", "destroy", "status", "info", "list", "list-clusters", "get-account-info"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EverySubcommand_DocumentsEveryOptionWithItsEnvironmentVariable(string name)
    {
        using var harness = new ToolHarness();
        var command = ScyllaCloudApp.BuildRootCommand(CreateContextForInspection()).Subcommands.Single(c => c.Name == name);

        var run = await harness.RunAsync(name, "--help");

        Assert.Equal(0, run.ExitCode);
        var options = command.Options.Concat(ScyllaCloudApp.BuildRootCommand(CreateContextForInspection()).Options.Where(o => o.Recursive))
            .Where(o => o is not System.CommandLine.Help.HelpOption);
        foreach (var option in options)
        {
            Assert.Contains(option.Name, run.Output, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(option.Description), option.Name);
            Assert.Contains("[env: ", option.Description, StringComparison.Ordinal);
            Assert.Contains(option.Description!.Split(" [env: ")[0], run.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_Root_ListsAllSubcommands()
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var name in Commands)
        {
            Assert.Contains(name, run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("the command line wins, then the environment, then the default", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingToken_FailsWithClearMessage()
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync("get-account-info");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("✗ An API token is required: pass --api-token or set SCYLLA_CLOUD_API_TOKEN.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownOutputFormat_IsAParseError()
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync("list", "--output", "yaml");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'yaml' is not a valid value for --output", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownOutputFormatInEnvironment_FailsWithVariableName()
    {
        using var harness = new ToolHarness();
        harness.Environment["SCYLLA_CLOUD_OUTPUT"] = "yaml";

        var run = await harness.RunAsync("list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SCYLLA_CLOUD_OUTPUT='yaml'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TokenOnCommandLine_WinsOverEnvironment()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        harness.Environment["SCYLLA_CLOUD_API_TOKEN"] = "stale-token";

        var run = await harness.RunAsync("get-account-info", "--api-token", FakeScyllaCloudApi.Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Bearer " + FakeScyllaCloudApi.Token, Assert.Single(api.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Main_AsSeparateProcess_ReadsRealEnvironmentAndWritesJson()
    {
        await using var api = new FakeScyllaCloudApi();
        var tool = Path.Combine(AppContext.BaseDirectory, "SemanticCache.ScyllaCloud.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(tool);
        start.ArgumentList.Add("get-account-info");
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        start.Environment["SCYLLA_CLOUD_API_TOKEN"] = FakeScyllaCloudApi.Token;
        start.Environment["SCYLLA_CLOUD_API_URL"] = api.BaseAddress.ToString();

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Equal(7, JsonNode.Parse(await output)!["accountId"]!.GetValue<long>());
    }

    private static ToolContext CreateContextForInspection() => new()
    {
        Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Environment = new Dictionary<string, string>(),
        HomeDirectory = Path.GetTempPath(),
    };
}
