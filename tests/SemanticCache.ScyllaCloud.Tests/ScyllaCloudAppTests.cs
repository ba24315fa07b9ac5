using System.Text.Json.Nodes;
using SemanticCache.Samples.Testing;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class ScyllaCloudAppTests
{
    public static TheoryData<string> Commands => ["create", "destroy", "status", "info", "list", "list-clusters", "get-account-info"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EverySubcommand_DocumentsEveryOptionWithItsEnvironmentVariable(string name)
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync(name, "--help");

        Assert.Equal(0, run.ExitCode);
        ToolAssert.HelpDocumentsEveryOption(harness.BuildRootCommand(), name, run);
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
        var environment = new Dictionary<string, string>
        {
            ["SCYLLA_CLOUD_API_TOKEN"] = FakeScyllaCloudApi.Token,
            ["SCYLLA_CLOUD_API_URL"] = api.BaseAddress.ToString(),
        };

        var run = await ToolProcess.RunAsync("SemanticCache.ScyllaCloud.dll", environment, "get-account-info", "--output", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(7, JsonNode.Parse(run.Output)!["accountId"]!.GetValue<long>());
    }
}
