using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class StatusCommandTests
{
    [Fact]
    public async Task Status_StateHasOnlyRequestId_ResolvesClusterIdAndSavesIt()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        Assert.Equal(0, (await harness.RunAsync("create", "--name", "demo")).ExitCode);
        Assert.Null(JsonNode.Parse(harness.ReadState())!["clusters"]!["demo"]!["clusterId"]);

        var run = await harness.RunAsync("status", "--name", "demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        var entry = JsonNode.Parse(harness.ReadState())!["clusters"]!["demo"]!;
        var clusterId = entry["clusterId"]!.GetValue<long>();
        Assert.Equal("IN_PROGRESS", entry["requestStatus"]!.GetValue<string>());
        Assert.Single(api.RequestsTo("GET", $"/account/7/cluster/{clusterId}"));
        Assert.Equal("enriched=true", api.RequestsTo("GET", $"/account/7/cluster/{clusterId}").Single().Query);
        Assert.Contains("BOOTSTRAPPING", run.Output, StringComparison.Ordinal);
        Assert.Contains("node-0.demo.cloud.example", run.Output, StringComparison.Ordinal);

        // The id is now known: a second status goes straight to the cluster.
        var requestPolls = api.RequestsTo("GET", "/account/7/cluster/request/901").Count();
        Assert.Equal(0, (await harness.RunAsync("status", "--name", "demo")).ExitCode);
        Assert.Equal(requestPolls, api.RequestsTo("GET", "/account/7/cluster/request/901").Count());
    }

    [Fact]
    public async Task Status_RequestWithoutCluster_ShowsRequestProgress()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        await DestroyCommandTests.WriteStateAsync(harness, "queued", api.AddRequest("queued", "QUEUED"));

        var run = await harness.RunAsync("status", "--name", "queued");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("not assigned yet", run.Output, StringComparison.Ordinal);
        Assert.Contains("QUEUED", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_IncludesClusterAndVectorSearchHealth()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        var clusterId = await DestroyCommandTests.CreateActiveAsync(harness, "demo");

        var run = await harness.RunAsync("status", "--name", "demo", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Output)!;
        Assert.Equal("ACTIVE", json["cluster"]!["status"]!.GetValue<string>());
        var vector = Assert.Single(json["vectorSearch"]!.AsArray())!;
        Assert.Equal(3000 + clusterId, vector["dcId"]!.GetValue<long>());
        Assert.Equal("HEALTHY", vector["status"]!.GetValue<string>());
        Assert.Single(api.RequestsTo("GET", $"/account/7/cluster/{clusterId}/dc/{3000 + clusterId}/vector-search"));
    }

    [Fact]
    public async Task Status_ClusterWithoutVectorSearch_ShowsCodeInsteadOfFailing()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        var run = await harness.RunAsync("create", "--name", "plain", "--disable-vector-search", "--wait", "--poll-interval", "0");
        Assert.True(run.ExitCode == 0, run.ToString());

        run = await harness.RunAsync("status", "--name", "plain");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("not available (code 040745)", run.Output, StringComparison.Ordinal);
        Assert.Contains("ACTIVE", run.Output, StringComparison.Ordinal);
    }
}
