using System.Text.Json.Nodes;
using SemanticCache.Samples.Testing;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class CreateCommandTests
{
    private const string ClusterPath = "/account/7/cluster";

    [Fact]
    public async Task Create_Defaults_SendsExactBodyAndRecordsRequestInState()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        var post = Assert.Single(api.RequestsTo("POST", ClusterPath));
        var expected = JsonNode.Parse("""
            {
              "clusterName": "demo",
              "cloudProviderId": 1,
              "regionId": 1,
              "instanceId": 62,
              "numberOfNodes": 3,
              "replicationFactor": 3,
              "broadcastType": "PUBLIC",
              "allowedIPs": ["0.0.0.0/0"],
              "userApiInterface": "CQL",
              "enableDnsAssociation": true,
              "freeTier": false,
              "promProxy": false,
              "scyllaVersion": "2025.4.2",
              "provisioning": "dedicated-vm",
              "vectorSearch": { "nodeCount": 1, "defaultInstanceTypeId": 175 }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(post.Body)), post.Body);
        Assert.StartsWith("application/json", post.Header("Content-Type"), StringComparison.Ordinal);

        var state = JsonNode.Parse(harness.ReadState())!;
        Assert.Equal(1, state["version"]!.GetValue<int>());
        var entry = state["clusters"]!["demo"]!;
        Assert.Equal("demo", entry["name"]!.GetValue<string>());
        Assert.Equal(7, entry["accountId"]!.GetValue<long>());
        Assert.Equal(901, entry["requestId"]!.GetValue<long>());
        Assert.Null(entry["clusterId"]);
        Assert.Equal("QUEUED", entry["requestStatus"]!.GetValue<string>());
        Assert.Equal("AWS", entry["cloudProvider"]!.GetValue<string>());
        Assert.Equal("us-east-1", entry["region"]!.GetValue<string>());
        Assert.True(entry["vectorSearch"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(expected, entry["request"]));
    }

    [Fact]
    public async Task Create_Defaults_LooksUpIdsByNameIncludingVectorSearchTarget()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = api.Requests.Select(r => $"{r.Method} {r.PathAndQuery}").ToList();
        Assert.Equal(
            [
                "GET /account/default",
                "GET /deployment/cloud-providers",
                "GET /deployment/cloud-provider/1/regions?defaults=true",
                "GET /deployment/cloud-provider/1/region/1",
                "GET /deployment/cloud-provider/1/region/1?target=VECTOR_SEARCH",
                "POST /account/7/cluster",
                "GET /account/7/cluster/request/901",
            ],
            calls);
        Assert.Contains("Vector search instance type i4i.large → id 175", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DisableVectorSearch_OmitsVectorSearchObjectAndLookup()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "plain", "--disable-vector-search");

        Assert.True(run.ExitCode == 0, run.ToString());
        var body = JsonNode.Parse(Assert.Single(api.RequestsTo("POST", ClusterPath)).Body)!.AsObject();
        Assert.False(body.ContainsKey("vectorSearch"));
        Assert.DoesNotContain(api.Requests, r => r.Query.Contains("VECTOR_SEARCH", StringComparison.Ordinal));
        Assert.False(JsonNode.Parse(harness.ReadState())!["clusters"]!["plain"]!["vectorSearch"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Create_PrivateBroadcastAndOptions_SendsCidrBlockAndConditionalFields()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync(
            "create", "--name", "private", "--broadcast-type", "private", "--cidr-block", "10.20.0.0/16",
            "--allowed-ips", "203.0.113.0/24", "198.51.100.0/24", "--user-api", "ALTERNATOR", "--free-tier",
            "--pu", "2", "--expiration", "96h", "--account-credential-id", "12", "--vector-node-count", "3",
            "--vector-node-type", "t4g.medium", "--node-count", "4", "--replication-factor", "2", "--enable-dns-association", "false",
            "--prometheus-proxy", "--scylla-version", "2026.1.0", "--node-type", "i4i.xlarge");

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = JsonNode.Parse("""
            {
              "clusterName": "private",
              "cloudProviderId": 1,
              "regionId": 1,
              "instanceId": 63,
              "numberOfNodes": 4,
              "replicationFactor": 2,
              "broadcastType": "PRIVATE",
              "cidrBlock": "10.20.0.0/16",
              "allowedIPs": ["203.0.113.0/24", "198.51.100.0/24"],
              "userApiInterface": "ALTERNATOR",
              "alternatorWriteIsolation": "only_rmw_uses_lwt",
              "enableDnsAssociation": false,
              "freeTier": true,
              "promProxy": true,
              "scyllaVersion": "2026.1.0",
              "accountCredentialId": 12,
              "provisioning": "dedicated-vm",
              "pu": 2,
              "expiration": "96h",
              "vectorSearch": { "nodeCount": 3, "defaultInstanceTypeId": 176 }
            }
            """);
        var body = Assert.Single(api.RequestsTo("POST", ClusterPath)).Body;
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(body)), body);
    }

    [Fact]
    public async Task Create_PublicBroadcast_LeavesCidrBlockOut()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "public", "--cidr-block", "10.20.0.0/16");

        Assert.True(run.ExitCode == 0, run.ToString());
        var body = JsonNode.Parse(Assert.Single(api.RequestsTo("POST", ClusterPath)).Body)!.AsObject();
        Assert.False(body.ContainsKey("cidrBlock"));
        Assert.False(body.ContainsKey("alternatorWriteIsolation"));
        Assert.False(body.ContainsKey("pu"));
        Assert.False(body.ContainsKey("expiration"));
        Assert.False(body.ContainsKey("accountCredentialId"));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "prefix length /8")]
    [InlineData("10.0.0.0/15", "prefix length /15")]
    [InlineData("10.0.0.1/16", "not a valid CIDR block")]
    [InlineData("not-a-cidr", "not a valid CIDR block")]
    [InlineData("fd00::/64", "must be an IPv4 block")]
    public async Task Create_InvalidCidrBlock_FailsBeforeAnyRequest(string cidr, string message)
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "demo", "--broadcast-type", "PRIVATE", "--cidr-block", cidr);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains("✗", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
        Assert.False(File.Exists(harness.StatePath));
    }

    [Fact]
    public async Task Create_InvalidAllowedIp_FailsBeforeAnyRequest()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "demo", "--allowed-ips", "203.0.113.7");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--allowed-ips '203.0.113.7' is not a valid CIDR block", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData(new[] { "--node-count", "2" }, "at least 3 nodes")]
    [InlineData(new[] { "--replication-factor", "4" }, "--replication-factor 4 must be between 1 and the node count (3)")]
    [InlineData(new[] { "--vector-node-count", "28" }, "--vector-node-count 28 must be between 1 and 27")]
    [InlineData(new[] { "--scylla-version", "2025.4.0" }, "has no vector search")]
    public async Task Create_InvalidSizes_FailBeforeAnyRequest(string[] extra, string message)
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync(["create", "--name", "demo", .. extra]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Create_NameAlreadyInState_FailsWithoutCallingApi()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        Assert.Equal(0, (await harness.RunAsync("create", "--name", "demo")).ExitCode);
        var before = harness.ReadState();
        var calls = api.Requests.Count;

        var run = await harness.RunAsync("create", "--name", "demo");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("already exists in the state file", run.Error, StringComparison.Ordinal);
        Assert.Equal(calls, api.Requests.Count);
        Assert.Equal(before, harness.ReadState());
    }

    [Fact]
    public async Task Create_ApiRejectsName_ReportsCodeAndLeavesStateUntouched()
    {
        await using var api = new FakeScyllaCloudApi();
        api.AddCluster("taken");
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "taken");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("code 040703 (a cluster with this name already exists)", run.Error, StringComparison.Ordinal);
        Assert.Contains("POST /account/7/cluster", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(harness.StatePath));
    }

    [Fact]
    public async Task Create_UnknownRegion_ListsTheRegionsTheApiOffers()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "demo", "--region", "mars-north-1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Region 'mars-north-1' not found for AWS; the API offers: us-east-1, eu-west-1", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.RequestsTo("POST", ClusterPath));
    }

    [Fact]
    public async Task Create_UnknownVectorInstanceType_FailsWithoutCreating()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "demo", "--vector-node-type", "i4i.xlarge");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Vector search instance type 'i4i.xlarge' not found in us-east-1; the API offers: i4i.large, t4g.medium", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.RequestsTo("POST", ClusterPath));
        Assert.False(File.Exists(harness.StatePath));
    }

    [Fact]
    public async Task Create_EnvironmentVariables_UsedWhenCommandLineIsSilent()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        harness.Environment["SCYLLA_CLOUD_CLUSTER_NAME"] = "from-env";
        harness.Environment["SCYLLA_CLOUD_REGION"] = "eu-west-1";
        harness.Environment["SCYLLA_CLOUD_NODE_COUNT"] = "5";
        harness.Environment["SCYLLA_CLOUD_ALLOWED_IPS"] = "203.0.113.0/24, 198.51.100.0/24";
        harness.Environment["SCYLLA_CLOUD_DISABLE_VECTOR_SEARCH"] = "true";
        harness.Environment["SCYLLA_CLOUD_ACCOUNT_ID"] = "7";

        var run = await harness.RunAsync("create");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(api.RequestsTo("GET", "/account/default"));
        var body = JsonNode.Parse(Assert.Single(api.RequestsTo("POST", ClusterPath)).Body)!.AsObject();
        Assert.Equal("from-env", body["clusterName"]!.GetValue<string>());
        Assert.Equal(7, body["regionId"]!.GetValue<long>());
        Assert.Equal(5, body["numberOfNodes"]!.GetValue<int>());
        Assert.Equal(["203.0.113.0/24", "198.51.100.0/24"], body["allowedIPs"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(body.ContainsKey("vectorSearch"));
    }

    [Fact]
    public async Task Create_CommandLine_WinsOverEnvironment()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        harness.Environment["SCYLLA_CLOUD_REGION"] = "eu-west-1";
        harness.Environment["SCYLLA_CLOUD_NODE_COUNT"] = "5";
        harness.Environment["SCYLLA_CLOUD_DISABLE_VECTOR_SEARCH"] = "true";

        var run = await harness.RunAsync("create", "--name", "cli", "--region", "us-east-1", "--node-count", "3", "--disable-vector-search", "false");

        Assert.True(run.ExitCode == 0, run.ToString());
        var body = JsonNode.Parse(Assert.Single(api.RequestsTo("POST", ClusterPath)).Body)!.AsObject();
        Assert.Equal(1, body["regionId"]!.GetValue<long>());
        Assert.Equal(3, body["numberOfNodes"]!.GetValue<int>());
        Assert.True(body.ContainsKey("vectorSearch"));
    }

    [Fact]
    public async Task Create_InvalidEnvironmentValue_FailsWithTheVariableName()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        harness.Environment["SCYLLA_CLOUD_NODE_COUNT"] = "three";

        var run = await harness.RunAsync("create", "--name", "demo");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SCYLLA_CLOUD_NODE_COUNT='three'", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Create_Wait_PollsUntilActiveAndRecordsClusterId()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "demo", "--wait", "--poll-interval", "0.01", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JsonNode.Parse(run.Output)!;
        Assert.Equal("COMPLETED", result["requestStatus"]!.GetValue<string>());
        Assert.Equal("ACTIVE", result["clusterStatus"]!.GetValue<string>());
        var clusterId = result["clusterId"]!.GetValue<long>();
        Assert.Equal("ACTIVE", api.Cluster(clusterId)!.Status);
        Assert.Equal(3, api.RequestsTo("GET", "/account/7/cluster/request/901").Count());
        Assert.True(api.RequestsTo("GET", $"/account/7/cluster/{clusterId}").Count() >= 2);

        var entry = JsonNode.Parse(harness.ReadState())!["clusters"]!["demo"]!;
        Assert.Equal(clusterId, entry["clusterId"]!.GetValue<long>());
        Assert.Equal("COMPLETED", entry["requestStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WaitAndRequestFails_ExitsWithErrorAndKeepsEntry()
    {
        await using var api = new FakeScyllaCloudApi { FinalRequestStatus = "FAILED" };
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "doomed", "--wait", "--poll-interval", "0.01");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ended FAILED: Not enough capacity", run.Error, StringComparison.Ordinal);
        var entry = JsonNode.Parse(harness.ReadState())!["clusters"]!["doomed"]!;
        Assert.Equal("FAILED", entry["requestStatus"]!.GetValue<string>());
        Assert.Equal(901, entry["requestId"]!.GetValue<long>());
    }

    [Fact]
    public async Task Create_WaitTimesOut_KeepsEntryAndSaysHowToFollowUp()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "slow", "--wait", "--poll-interval", "0.01", "--wait-timeout", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Gave up after 0 s", run.Error, StringComparison.Ordinal);
        Assert.Contains("status --name slow", run.Error, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(harness.ReadState())!["clusters"]!["slow"]);
    }

    [Fact]
    public async Task Create_RequestLookupFailsAfterCreate_KeepsEntryAndWarns()
    {
        await using var api = new FakeScyllaCloudApi();
        api.Inject(r => r.Path == "/account/7/cluster/request/901", LoopbackResponse.Json("""{"error":"040999","data":null}""", 400));
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("⚠ Could not read request 901 yet", run.Error, StringComparison.Ordinal);
        var entry = JsonNode.Parse(harness.ReadState())!["clusters"]!["demo"]!;
        Assert.Equal(901, entry["requestId"]!.GetValue<long>());

        // Later status calls follow the recorded request until it names the cluster.
        var pending = await harness.RunAsync("status", "--name", "demo");
        Assert.True(pending.ExitCode == 0, pending.ToString());
        Assert.Contains("not assigned yet", pending.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.RunAsync("status", "--name", "demo")).ExitCode);
        Assert.NotNull(JsonNode.Parse(harness.ReadState())!["clusters"]!["demo"]!["clusterId"]);
    }
}
