using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class InfoCommandTests
{
    [Fact]
    public async Task Info_Text_ShowsAddressesAndUsernameButMasksPassword()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        var clusterId = await DestroyCommandTests.CreateActiveAsync(harness, "demo");

        var run = await harness.RunAsync("info", "--name", "demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        var connect = Assert.Single(api.RequestsTo("GET", "/account/7/cluster/connect"));
        Assert.Equal($"clusterId={clusterId}", connect.Query);
        Assert.Contains("node-0.demo.cloud.example", run.Output, StringComparison.Ordinal);
        Assert.Contains("203.0.113.10", run.Output, StringComparison.Ordinal);
        Assert.Contains("172.31.0.12", run.Output, StringComparison.Ordinal);
        Assert.Contains("scylla", run.Output, StringComparison.Ordinal);
        Assert.Contains("--scylla-contact-points node-0.demo.cloud.example,node-1.demo.cloud.example,node-2.demo.cloud.example", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeScyllaCloudApi.CqlPassword, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains("********", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_ShowPassword_PrintsPassword()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        await DestroyCommandTests.CreateActiveAsync(harness, "demo");

        var run = await harness.RunAsync("info", "--name", "demo", "--show-password");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(FakeScyllaCloudApi.CqlPassword, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_Json_MasksPasswordAndKeepsApiFields()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        var clusterId = await DestroyCommandTests.CreateActiveAsync(harness, "demo");

        var run = await harness.RunAsync("info", "--name", "demo", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Output)!;
        Assert.Equal("********", json["credentials"]!["password"]!.GetValue<string>());
        Assert.Equal("scylla", json["credentials"]!["username"]!.GetValue<string>());
        Assert.Equal(clusterId, json["clusterId"]!.GetValue<long>());
        Assert.Equal(3, json["connectDataCenters"]![0]!["dns"]!.AsArray().Count);
    }

    [Fact]
    public async Task Info_ClusterNotBuiltYet_FailsWithHint()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        await DestroyCommandTests.WriteStateAsync(harness, "queued", api.AddRequest("queued", "QUEUED"));

        var run = await harness.RunAsync("info", "--name", "queued");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has no cluster id yet", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.RequestsTo("GET", "/account/7/cluster/connect"));
    }

    [Fact]
    public void ContactPoints_NoDnsAndPrivateBroadcast_UsesPrivateAddresses()
    {
        var info = new ConnectInfo
        {
            BroadcastType = "PRIVATE",
            ConnectDataCenters = [new ConnectDataCenter { PublicIPs = ["203.0.113.1"], PrivateIPs = ["10.0.0.1", "10.0.0.2"] }],
        };

        Assert.Equal(["10.0.0.1", "10.0.0.2"], InfoCommand.ContactPoints(info));
    }
}
