using System.Text.Json.Nodes;
using SemanticCache.Samples.Testing;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class DestroyCommandTests
{
    [Fact]
    public async Task Destroy_Force_PostsExactNameAndRemovesEntry()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        var clusterId = await CreateActiveAsync(harness, "demo");
        Assert.Equal(0, (await harness.RunAsync("create", "--name", "other")).ExitCode);

        var run = await harness.RunAsync("destroy", "--name", "demo", "--force");

        Assert.True(run.ExitCode == 0, run.ToString());
        var delete = Assert.Single(api.Requests, r => r.Method == "POST" && r.Path.EndsWith("/delete", StringComparison.Ordinal));
        Assert.Equal($"/account/7/cluster/{clusterId}/delete", delete.Path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"clusterName":"demo"}"""), JsonNode.Parse(delete.Body)), delete.Body);
        Assert.Equal("PENDING_DELETE", api.Cluster(clusterId)!.Status);
        Assert.Contains("deletion requested", run.Output, StringComparison.Ordinal);

        var clusters = JsonNode.Parse(harness.ReadState())!["clusters"]!.AsObject();
        Assert.False(clusters.ContainsKey("demo"));
        Assert.True(clusters.ContainsKey("other"));
    }

    [Fact]
    public async Task Destroy_ApiFails_KeepsEntry()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        await CreateActiveAsync(harness, "demo");
        api.Inject(r => r.Path.EndsWith("/delete", StringComparison.Ordinal), LoopbackResponse.Json("""{"error":"040700","data":{"message":"cluster is locked"}}""", 400));
        var before = harness.ReadState();

        var run = await harness.RunAsync("destroy", "--name", "demo", "--force");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("code 040700", run.Error, StringComparison.Ordinal);
        Assert.Contains("cluster is locked", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, harness.ReadState());
    }

    [Fact]
    public async Task Destroy_WithoutForceAndNoTerminal_RefusesAndKeepsEverything()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        var clusterId = await CreateActiveAsync(harness, "demo");

        var run = await harness.RunAsync("destroy", "--name", "demo");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("pass --force", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.Path.EndsWith("/delete", StringComparison.Ordinal));
        Assert.Equal("ACTIVE", api.Cluster(clusterId)!.Status);
        Assert.NotNull(JsonNode.Parse(harness.ReadState())!["clusters"]!["demo"]);
    }

    [Fact]
    public async Task Destroy_FailedCreateRequest_RemovesEntryWithoutDeleteCall()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        await WriteStateAsync(harness, "broken", api.AddRequest("broken", "FAILED"));

        var run = await harness.RunAsync("destroy", "--name", "broken", "--force");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nothing to delete", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.Path.EndsWith("/delete", StringComparison.Ordinal));
        Assert.False(JsonNode.Parse(harness.ReadState())!["clusters"]!.AsObject().ContainsKey("broken"));
    }

    [Fact]
    public async Task Destroy_RequestStillQueued_RefusesAndKeepsEntry()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        await WriteStateAsync(harness, "young", api.AddRequest("young", "QUEUED"));

        var run = await harness.RunAsync("destroy", "--name", "young", "--force");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("still being created", run.Error, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(harness.ReadState())!["clusters"]!["young"]);
    }

    [Fact]
    public async Task Destroy_ClusterAlreadyDeleted_RemovesEntryWithoutDeleteCall()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        var clusterId = await CreateActiveAsync(harness, "gone");
        api.Cluster(clusterId)!.Status = "DELETED";

        var run = await harness.RunAsync("destroy", "--name", "gone", "--force", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("already DELETED", JsonNode.Parse(run.Output)!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.Path.EndsWith("/delete", StringComparison.Ordinal));
        Assert.False(JsonNode.Parse(harness.ReadState())!["clusters"]!.AsObject().ContainsKey("gone"));
    }

    [Fact]
    public async Task Destroy_UnknownName_FailsWithoutCallingApi()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("destroy", "--name", "nobody", "--force");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'nobody' is not in the state file", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    internal static async Task<long> CreateActiveAsync(ToolHarness harness, string name)
    {
        var run = await harness.RunAsync("create", "--name", name, "--wait", "--poll-interval", "0", "--output", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Output)!["clusterId"]!.GetValue<long>();
    }

    internal static async Task WriteStateAsync(ToolHarness harness, string name, long requestId)
    {
        var store = new ClusterStateStore(harness.StatePath);
        var state = await store.LoadAsync(TestContext.Current.CancellationToken);
        state.Clusters[name] = new ClusterStateEntry { Name = name, AccountId = 7, RequestId = requestId, RequestStatus = "QUEUED" };
        await store.SaveAsync(state, TestContext.Current.CancellationToken);
    }
}
