using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SemanticCache.Samples.Testing;

namespace SemanticCache.ScyllaCloud.Tests;

/// <summary>
/// A stateful stand-in for the ScyllaDB Cloud REST API endpoints the tool calls, served over real HTTP by
/// <see cref="LoopbackHttpServer"/>. It checks the bearer token, answers in the <c>{error, data}</c> envelope, moves
/// create requests through QUEUED → IN_PROGRESS (cluster id assigned) → COMPLETED one poll at a time, and can
/// inject transient failures.
/// </summary>
public sealed partial class FakeScyllaCloudApi : IAsyncDisposable
{
    public const long AccountId = 7;
    public const string Token = "test-token-0123456789";
    public const string CqlPassword = "s3cr3t-cql-password";

    private readonly ConcurrentDictionary<long, FakeCluster> _clusters = new();
    private readonly ConcurrentDictionary<long, FakeRequest> _requests = new();
    private readonly List<(Func<LoopbackRequest, bool> Match, LoopbackResponse Response)> _injected = [];
    private long _nextRequestId = 900;
    private long _nextClusterId = 4000;

    public FakeScyllaCloudApi()
    {
        Server = new LoopbackHttpServer(request => Task.FromResult(Handle(request)));
    }

    public LoopbackHttpServer Server { get; }

    public Uri BaseAddress => Server.BaseAddress;

    public IReadOnlyList<LoopbackRequest> Requests => Server.Requests;

    /// <summary>Gets or sets the status the create request ends with.</summary>
    public string FinalRequestStatus { get; set; } = "COMPLETED";

    /// <summary>Makes the next request that matches answer with <paramref name="response"/> instead.</summary>
    public void Inject(Func<LoopbackRequest, bool> match, LoopbackResponse response)
    {
        lock (_injected)
        {
            _injected.Add((match, response));
        }
    }

    /// <summary>Adds a cluster as if it had been created (and its create request had completed).</summary>
    public long AddCluster(string name, bool vectorSearch = true, string status = "ACTIVE")
    {
        var id = Interlocked.Increment(ref _nextClusterId);
        _clusters[id] = new FakeCluster { Id = id, Name = name, Status = status, VectorSearch = vectorSearch };
        return id;
    }

    /// <summary>Adds a create request that has not produced a cluster yet (or has failed).</summary>
    public long AddRequest(string name, string status, bool vectorSearch = true)
    {
        var id = Interlocked.Increment(ref _nextRequestId);
        _requests[id] = new FakeRequest { Id = id, ClusterName = name, VectorSearch = vectorSearch, FixedStatus = status };
        return id;
    }

    public FakeCluster? Cluster(long id) => _clusters.TryGetValue(id, out var cluster) ? cluster : null;

    public IEnumerable<LoopbackRequest> RequestsTo(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path);

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private static LoopbackResponse Ok(JsonNode data) =>
        LoopbackResponse.Json(new JsonObject { ["error"] = string.Empty, ["data"] = data }.ToJsonString());

    private static LoopbackResponse Error(string code, int status = 400) =>
        LoopbackResponse.Json(new JsonObject { ["error"] = code, ["data"] = null }.ToJsonString(), status);

    private LoopbackResponse Handle(LoopbackRequest request)
    {
        if (request.Header("Authorization") != "Bearer " + Token)
        {
            return Error("020005", 401);
        }

        lock (_injected)
        {
            var index = _injected.FindIndex(i => i.Match(request));
            if (index >= 0)
            {
                var injected = _injected[index];
                _injected.RemoveAt(index);
                return injected.Response;
            }
        }

        var path = request.Path;
        var method = request.Method;
        var q = request.QueryParameters;
        Match m;

        if (method == "GET" && path == "/account/default")
        {
            return Ok(new JsonObject { ["accountId"] = AccountId, ["name"] = "Test Account", ["accountStatus"] = "ACTIVE", ["role"] = "OWNER", ["userId"] = 42 });
        }

        if (method == "GET" && path == "/deployment/cloud-providers")
        {
            return Ok(new JsonObject
            {
                ["cloudProviders"] = new JsonArray(
                    new JsonObject { ["id"] = 1, ["name"] = "AWS", ["rootAccountId"] = "123" },
                    new JsonObject { ["id"] = 2, ["name"] = "GCP", ["rootAccountId"] = "456" }),
            });
        }

        if (method == "GET" && (m = RegionsPath().Match(path)).Success)
        {
            if (m.Groups[1].Value != "1" || q.GetValueOrDefault("defaults") != "true")
            {
                return Error("000404", 404);
            }

            return Ok(new JsonObject
            {
                ["regions"] = new JsonArray(
                    Region(1, "us-east-1", "AWS_US_EAST_1", "US East (N. Virginia)"),
                    Region(7, "eu-west-1", "AWS_EU_WEST_1", "EU (Ireland)")),
                ["defaultRegionId"] = 1,
            });
        }

        if (method == "GET" && (m = RegionPath().Match(path)).Success)
        {
            var vector = q.GetValueOrDefault("target") == "VECTOR_SEARCH";
            return Ok(new JsonObject
            {
                ["instances"] = vector
                    ? new JsonArray(Instance(175, "i4i.large", 16384, 2), Instance(176, "t4g.medium", 4096, 2))
                    : new JsonArray(Instance(62, "i4i.large", 16384, 2), Instance(63, "i4i.xlarge", 32768, 4)),
                ["defaultInstanceId"] = vector ? 175 : 62,
            });
        }

        if (method == "POST" && path == $"/account/{AccountId}/cluster")
        {
            var body = JsonNode.Parse(request.Body)!.AsObject();
            var name = body["clusterName"]!.GetValue<string>();
            if (_clusters.Values.Any(c => c.Name == name && c.Status != "DELETED"))
            {
                return Error("040703");
            }

            var id = Interlocked.Increment(ref _nextRequestId);
            _requests[id] = new FakeRequest { Id = id, ClusterName = name, VectorSearch = body.ContainsKey("vectorSearch") };

            // The OpenAPI types requestId as a string; the tool must accept that.
            return Ok(new JsonObject { ["requestId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (method == "GET" && (m = RequestPath().Match(path)).Success)
        {
            if (!_requests.TryGetValue(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), out var fake))
            {
                return Error("040404", 404);
            }

            return Ok(Advance(fake));
        }

        if (method == "GET" && path == $"/account/{AccountId}/cluster/connect")
        {
            var cluster = FindCluster(q.GetValueOrDefault("clusterId"));
            if (cluster is null)
            {
                return Error("040404", 404);
            }

            return Ok(new JsonObject
            {
                ["broadcastType"] = "PUBLIC",
                ["credentials"] = new JsonObject { ["username"] = "scylla", ["password"] = CqlPassword },
                ["connectDataCenters"] = new JsonArray(new JsonObject
                {
                    ["dcName"] = "AWS_US_EAST_1",
                    ["publicIPs"] = new JsonArray("203.0.113.10", "203.0.113.11", "203.0.113.12"),
                    ["privateIPs"] = new JsonArray("172.31.0.10", "172.31.0.11", "172.31.0.12"),
                    ["dns"] = new JsonArray($"node-0.{cluster.Name}.cloud.example", $"node-1.{cluster.Name}.cloud.example", $"node-2.{cluster.Name}.cloud.example"),
                }),
            });
        }

        if (method == "GET" && path == $"/account/{AccountId}/clusters")
        {
            return Ok(new JsonObject { ["clusters"] = new JsonArray([.. _clusters.Values.OrderBy(c => c.Id).Select(c => (JsonNode)ClusterJson(c))]) });
        }

        if (method == "GET" && (m = VectorSearchPath().Match(path)).Success)
        {
            var cluster = FindCluster(m.Groups[1].Value);
            if (cluster is null)
            {
                return Error("040404", 404);
            }

            if (!cluster.VectorSearch)
            {
                return Error("040745");
            }

            return Ok(new JsonObject
            {
                ["status"] = "HEALTHY",
                ["availabilityZones"] = new JsonArray(new JsonObject
                {
                    ["azid"] = "use1-az1",
                    ["rackName"] = "RACK0",
                    ["nodes"] = new JsonArray(new JsonObject { ["id"] = 1, ["instanceTypeId"] = 175, ["status"] = "ACTIVE", ["up"] = true, ["indexCount"] = 0 }),
                }),
            });
        }

        if (method == "POST" && (m = DeletePath().Match(path)).Success)
        {
            var cluster = FindCluster(m.Groups[1].Value);
            if (cluster is null)
            {
                return Error("040404", 404);
            }

            var body = JsonNode.Parse(request.Body)!.AsObject();
            if (body["clusterName"]?.GetValue<string>() != cluster.Name)
            {
                return Error("040711");
            }

            cluster.Status = "PENDING_DELETE";
            var id = Interlocked.Increment(ref _nextRequestId);
            return Ok(new JsonObject
            {
                ["id"] = id,
                ["requestType"] = "DELETE_CLUSTER",
                ["accountId"] = AccountId,
                ["clusterId"] = cluster.Id,
                ["status"] = "QUEUED",
            });
        }

        if (method == "GET" && (m = ClusterPath().Match(path)).Success)
        {
            var cluster = FindCluster(m.Groups[1].Value);
            if (cluster is null)
            {
                return Error("040404", 404);
            }

            if (cluster.Status == "BOOTSTRAPPING" && ++cluster.Polls >= 2)
            {
                cluster.Status = "ACTIVE";
            }

            return Ok(new JsonObject { ["cluster"] = ClusterJson(cluster) });
        }

        return Error("000404", 404);
    }

    private JsonObject Advance(FakeRequest fake)
    {
        fake.Polls++;
        string status;
        if (fake.FixedStatus is not null)
        {
            status = fake.FixedStatus;
        }
        else
        {
            status = fake.Polls switch
            {
                1 => "QUEUED",
                2 => "IN_PROGRESS",
                _ => FinalRequestStatus,
            };
            if (fake.Polls >= 2 && fake.ClusterId is null && status != "FAILED")
            {
                fake.ClusterId = AddCluster(fake.ClusterName, fake.VectorSearch, "BOOTSTRAPPING");
            }
        }

        // Terraform's model spells it clusterID; the tool reads JSON case-insensitively.
        return new JsonObject
        {
            ["id"] = fake.Id,
            ["requestType"] = "CREATE_CLUSTER",
            ["accountId"] = AccountId,
            ["clusterID"] = fake.ClusterId,
            ["status"] = status,
            ["progressPercent"] = status switch { "QUEUED" => 0, "IN_PROGRESS" => 40, _ => 100 },
            ["progressDescription"] = status == "IN_PROGRESS" ? "Provisioning nodes" : null,
            ["userFriendlyError"] = status == "FAILED" ? "Not enough capacity" : null,
        };
    }

    private FakeCluster? FindCluster(string? id) =>
        long.TryParse(id, out var value) && _clusters.TryGetValue(value, out var cluster) ? cluster : null;

    private static JsonObject ClusterJson(FakeCluster cluster) => new()
    {
        ["id"] = cluster.Id,
        ["clusterName"] = cluster.Name,
        ["status"] = cluster.Status,
        ["region"] = new JsonObject { ["id"] = 1, ["externalId"] = "us-east-1" },
        ["scyllaVersion"] = new JsonObject { ["version"] = "2025.4.2" },
        ["dc"] = new JsonObject { ["id"] = 3000 + cluster.Id, ["name"] = "AWS_US_EAST_1", ["status"] = cluster.Status },
        ["dataCenters"] = new JsonArray(new JsonObject { ["id"] = 3000 + cluster.Id, ["name"] = "AWS_US_EAST_1", ["status"] = cluster.Status }),
        ["nodes"] = new JsonArray(
            Node(1, cluster), Node(2, cluster), Node(3, cluster)),
    };

    private static JsonObject Node(int index, FakeCluster cluster) => new()
    {
        ["id"] = (cluster.Id * 10) + index,
        ["dns"] = $"node-{index - 1}.{cluster.Name}.cloud.example",
        ["publicIp"] = $"203.0.113.{9 + index}",
        ["privateIp"] = $"172.31.0.{9 + index}",
        ["status"] = cluster.Status == "ACTIVE" ? "ACTIVE" : "BOOTSTRAPPING",
        ["state"] = "NORMAL",
        ["dcId"] = 3000 + cluster.Id,
    };

    private static JsonObject Region(int id, string name, string dcName, string fullName) => new()
    {
        ["id"] = id,
        ["externalId"] = name,
        ["cloudProviderId"] = 1,
        ["name"] = name,
        ["dcName"] = dcName,
        ["fullName"] = fullName,
        ["continent"] = "na",
    };

    private static JsonObject Instance(int id, string name, int memory, int cpus) => new()
    {
        ["id"] = id,
        ["externalId"] = name,
        ["cloudProviderId"] = 1,
        ["memory"] = memory,
        ["cpuCount"] = cpus,
        ["localDiskCount"] = 1,
        ["freeTier"] = false,
    };

    [GeneratedRegex(@"^/deployment/cloud-provider/(\d+)/regions$")]
    private static partial Regex RegionsPath();

    [GeneratedRegex(@"^/deployment/cloud-provider/(\d+)/region/(\d+)$")]
    private static partial Regex RegionPath();

    [GeneratedRegex(@"^/account/7/cluster/request/(\d+)$")]
    private static partial Regex RequestPath();

    [GeneratedRegex(@"^/account/7/cluster/(\d+)/dc/(\d+)/vector-search$")]
    private static partial Regex VectorSearchPath();

    [GeneratedRegex(@"^/account/7/cluster/(\d+)/delete$")]
    private static partial Regex DeletePath();

    [GeneratedRegex(@"^/account/7/cluster/(\d+)$")]
    private static partial Regex ClusterPath();

    public sealed class FakeCluster
    {
        public long Id { get; init; }

        public required string Name { get; init; }

        public required string Status { get; set; }

        public bool VectorSearch { get; init; }

        public int Polls { get; set; }
    }

    private sealed class FakeRequest
    {
        public long Id { get; init; }

        public required string ClusterName { get; init; }

        public bool VectorSearch { get; init; }

        public string? FixedStatus { get; init; }

        public long? ClusterId { get; set; }

        public int Polls { get; set; }
    }
}
