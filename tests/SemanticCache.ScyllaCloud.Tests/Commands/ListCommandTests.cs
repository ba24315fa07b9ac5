using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class ListCommandTests
{
    [Fact]
    public async Task List_NoStateFile_SaysNothingIsRecordedWithoutToken()
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync("list", "--state-file", harness.StatePath);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No clusters recorded", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_DefaultStatePath_IsInTheHomeDirectory()
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync("list");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(Path.Combine(harness.Home, ".scylla-clusters.json"), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TextAndJson_ShowRecordedClusters()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        Assert.Equal(0, (await harness.RunAsync("create", "--name", "alpha")).ExitCode);
        Assert.Equal(0, (await harness.RunAsync("create", "--name", "beta", "--disable-vector-search")).ExitCode);
        var calls = api.Requests.Count;

        var text = await harness.RunAsync("list");
        var json = await harness.RunAsync("list", "--output", "json");

        Assert.Equal(calls, api.Requests.Count);
        Assert.Contains("alpha", text.Output, StringComparison.Ordinal);
        Assert.Contains("beta", text.Output, StringComparison.Ordinal);
        var clusters = JsonNode.Parse(json.Output)!["clusters"]!.AsObject();
        Assert.Equal(["alpha", "beta"], clusters.Select(c => c.Key));
        Assert.Equal(902, clusters["beta"]!["requestId"]!.GetValue<long>());
    }
}
