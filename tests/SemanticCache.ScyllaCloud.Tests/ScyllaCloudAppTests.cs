using System.Text.Json.Nodes;
using SemanticCache.Samples.Testing;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class ScyllaCloudAppTests : SampleToolConventionTests<ScyllaCloudAppTests>, ISampleTool
{
    public static string[] Subcommands => ["create", "destroy", "status", "info", "list", "list-clusters", "get-account-info"];

    static ToolHarnessBase ISampleTool.CreateHarness() => new ToolHarness();

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
