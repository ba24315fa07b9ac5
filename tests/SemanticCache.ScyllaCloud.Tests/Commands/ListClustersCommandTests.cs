using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class ListClustersCommandTests
{
    [Fact]
    public async Task ListClusters_AccountFromCommandLine_ListsAccountClusters()
    {
        await using var api = new FakeScyllaCloudApi();
        api.AddCluster("first");
        api.AddCluster("second", vectorSearch: false, status: "BOOTSTRAPPING");
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("list-clusters", "--account-id", "7");

        Assert.True(run.ExitCode == 0, run.ToString());
        var call = Assert.Single(api.Requests);
        Assert.Equal("/account/7/clusters", call.Path);
        Assert.Equal("enriched=true", call.Query);
        Assert.Contains("first", run.Output, StringComparison.Ordinal);
        Assert.Contains("BOOTSTRAPPING", run.Output, StringComparison.Ordinal);
        Assert.Contains("us-east-1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListClusters_NoAccountId_LooksUpDefaultAccountAndPrintsJson()
    {
        await using var api = new FakeScyllaCloudApi();
        api.AddCluster("first");
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("list-clusters", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["/account/default", "/account/7/clusters"], api.Requests.Select(r => r.Path));
        Assert.Equal("first", JsonNode.Parse(run.Output)!["clusters"]![0]!["clusterName"]!.GetValue<string>());
    }
}
