using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// <c>create</c>: looks up the provider, region and instance type ids by name, asks for the cluster, records it in
/// the state file at once, and with <c>--wait</c> follows the request until the cluster is ACTIVE.
/// </summary>
internal static class CreateCommand
{
    /// <summary>The oldest ScyllaDB release with vector search in ScyllaDB Cloud.</summary>
    private static readonly Version MinimumVectorSearchVersion = new(2025, 4, 2);

    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        var name = new TextSetting("--name", "Cluster name (also the key in the state file; required).", "SCYLLA_CLOUD_CLUSTER_NAME", null);
        var provider = new TextSetting("--cloud-provider", "Cloud provider, looked up by name.", "SCYLLA_CLOUD_PROVIDER", "AWS", allowed: ["AWS", "GCP"]);
        var region = new TextSetting("--region", "Cloud region, looked up by name.", "SCYLLA_CLOUD_REGION", "us-east-1");
        var nodeCount = new Setting<int>("--node-count", "Number of ScyllaDB nodes (at least 3).", "SCYLLA_CLOUD_NODE_COUNT", 3);
        var nodeType = new TextSetting("--node-type", "Instance type of the ScyllaDB nodes, looked up by name.", "SCYLLA_CLOUD_NODE_TYPE", "i4i.large");
        var disableVector = new Setting<bool>("--disable-vector-search", "Create the cluster without vector search nodes (the vectorSearch object is left out).", "SCYLLA_CLOUD_DISABLE_VECTOR_SEARCH", false);
        var vectorCount = new Setting<int>("--vector-node-count", "Number of vector search nodes (1-27).", "SCYLLA_CLOUD_VECTOR_NODE_COUNT", 1);
        var vectorType = new TextSetting("--vector-node-type", "Instance type of the vector search nodes, looked up with target=VECTOR_SEARCH.", "SCYLLA_CLOUD_VECTOR_NODE_TYPE", "i4i.large");
        var broadcast = new TextSetting("--broadcast-type", "How nodes are reached.", "SCYLLA_CLOUD_BROADCAST_TYPE", "PUBLIC", allowed: ["PUBLIC", "PRIVATE"]);
        var cidr = new TextSetting("--cidr-block", "VPC CIDR block, /16 or larger prefix length; sent only with --broadcast-type PRIVATE.", "SCYLLA_CLOUD_CIDR_BLOCK", "192.168.1.0/24");
        var allowedIps = new ListSetting("--allowed-ips", "CIDR blocks allowed to connect.", "SCYLLA_CLOUD_ALLOWED_IPS", ["0.0.0.0/0"]);
        var replication = new Setting<int>("--replication-factor", "Replication factor (at most the node count).", "SCYLLA_CLOUD_REPLICATION_FACTOR", 3);
        var version = new TextSetting("--scylla-version", "ScyllaDB version (vector search needs 2025.4.2 or later).", "SCYLLA_CLOUD_SCYLLA_VERSION", "2025.4.2");
        var userApi = new TextSetting("--user-api", "User API interface.", "SCYLLA_CLOUD_USER_API", "CQL", allowed: ["CQL", "ALTERNATOR"]);
        var isolation = new TextSetting("--alternator-write-isolation", "Alternator write isolation; sent only with --user-api ALTERNATOR.", "SCYLLA_CLOUD_ALTERNATOR_WRITE_ISOLATION", "only_rmw_uses_lwt");
        var dns = new Setting<bool>("--enable-dns-association", "Create DNS names for the nodes (pass false to turn off).", "SCYLLA_CLOUD_ENABLE_DNS_ASSOCIATION", true);
        var freeTier = new Setting<bool>("--free-tier", "Create a free-tier cluster (adds pu and expiration).", "SCYLLA_CLOUD_FREE_TIER", false);
        var promProxy = new Setting<bool>("--prometheus-proxy", "Enable the Prometheus proxy (promProxy).", "SCYLLA_CLOUD_PROMETHEUS_PROXY", false);
        var provisioning = new TextSetting("--provisioning", "Provisioning mode.", "SCYLLA_CLOUD_PROVISIONING", "dedicated-vm");
        var credential = new Setting<long>("--account-credential-id", "Bring-your-own-account credential id.", "SCYLLA_CLOUD_ACCOUNT_CREDENTIAL_ID", 0, "not sent: ScyllaDB's own cloud account");
        var pu = new Setting<int>("--pu", "Processing units of a free-tier cluster.", "SCYLLA_CLOUD_PU", 1);
        var expiration = new TextSetting("--expiration", "Expiration of a free-tier cluster, such as 96h.", "SCYLLA_CLOUD_EXPIRATION", "0");
        var wait = new Setting<bool>("--wait", "Poll until the cluster is ACTIVE, with a progress bar.", "SCYLLA_CLOUD_WAIT", false);
        var pollInterval = new Setting<double>("--poll-interval", "Seconds between polls with --wait.", "SCYLLA_CLOUD_POLL_INTERVAL", 10);
        var waitTimeout = new Setting<double>("--wait-timeout", "Seconds to wait with --wait before giving up (the cluster stays recorded).", "SCYLLA_CLOUD_WAIT_TIMEOUT", 2400);

        var settings = new ToolSetting[]
        {
            name, provider, region, nodeCount, nodeType, disableVector, vectorCount, vectorType, broadcast, cidr, allowedIps, replication,
            version, userApi, isolation, dns, freeTier, promProxy, provisioning, credential, pu, expiration, wait, pollInterval, waitTimeout,
        };
        return CommandRunner.CreateCommand("create", "Create a cluster (vector search on by default) and record it in the state file.", context, settings, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            var clusterName = name.ResolveRequired(parseResult, context);
            var spec = new CreateSpec
            {
                Name = clusterName,
                Provider = provider.Resolve(parseResult, context)!,
                Region = region.ResolveRequired(parseResult, context),
                NodeCount = nodeCount.Resolve(parseResult, context),
                NodeType = nodeType.ResolveRequired(parseResult, context),
                VectorSearch = !disableVector.Resolve(parseResult, context),
                VectorNodeCount = vectorCount.Resolve(parseResult, context),
                VectorNodeType = vectorType.ResolveRequired(parseResult, context),
                BroadcastType = broadcast.Resolve(parseResult, context)!,
                CidrBlock = cidr.ResolveRequired(parseResult, context),
                AllowedIps = allowedIps.Resolve(parseResult, context),
                ReplicationFactor = replication.Resolve(parseResult, context),
                ScyllaVersion = version.ResolveRequired(parseResult, context),
                UserApi = userApi.Resolve(parseResult, context)!,
                AlternatorWriteIsolation = isolation.ResolveRequired(parseResult, context),
                EnableDnsAssociation = dns.Resolve(parseResult, context),
                FreeTier = freeTier.Resolve(parseResult, context),
                PromProxy = promProxy.Resolve(parseResult, context),
                Provisioning = provisioning.ResolveRequired(parseResult, context),
                AccountCredentialId = credential.Resolve(parseResult, context),
                Pu = pu.Resolve(parseResult, context),
                Expiration = expiration.ResolveRequired(parseResult, context),
            };
            Validate(spec);
            var waitForActive = wait.Resolve(parseResult, context);
            var interval = TimeSpan.FromSeconds(Math.Max(0, pollInterval.Resolve(parseResult, context)));
            var timeout = TimeSpan.FromSeconds(Math.Max(0, waitTimeout.Resolve(parseResult, context)));

            var store = globals.CreateStateStore(parseResult, context);
            var state = await store.LoadAsync(cancellationToken);
            if (state.Clusters.ContainsKey(clusterName))
            {
                throw new ToolException($"Cluster '{clusterName}' already exists in the state file {store.Path}; pick another name or destroy it first.");
            }

            using var client = globals.CreateClient(parseResult, context);
            return await ExecuteAsync(parseResult, context, globals, client, store, output, spec, waitForActive, interval, timeout, cancellationToken);
        });
    }

    private static void Validate(CreateSpec spec)
    {
        if (spec.NodeCount < 3)
        {
            throw new ToolException($"--node-count is {spec.NodeCount}; ScyllaDB Cloud needs at least 3 nodes.");
        }

        if (spec.ReplicationFactor < 1 || spec.ReplicationFactor > spec.NodeCount)
        {
            throw new ToolException($"--replication-factor {spec.ReplicationFactor} must be between 1 and the node count ({spec.NodeCount}).");
        }

        if (spec.VectorSearch && (spec.VectorNodeCount < 1 || spec.VectorNodeCount > 27))
        {
            throw new ToolException($"--vector-node-count {spec.VectorNodeCount} must be between 1 and 27.");
        }

        if (spec.VectorSearch && Version.TryParse(spec.ScyllaVersion, out var parsed) && parsed < MinimumVectorSearchVersion)
        {
            throw new ToolException(
                $"--scylla-version {spec.ScyllaVersion} has no vector search; use {MinimumVectorSearchVersion} or later, or pass --disable-vector-search.");
        }

        CidrValidator.ValidateVpcBlock(spec.CidrBlock, "--cidr-block");
        foreach (var ip in spec.AllowedIps)
        {
            CidrValidator.Parse(ip, "--allowed-ips");
        }

        if (spec.AccountCredentialId < 0)
        {
            throw new ToolException("--account-credential-id must be a positive id.");
        }
    }

    private static async Task<int> ExecuteAsync(
        ParseResult parseResult,
        ToolContext context,
        GlobalSettings globals,
        ScyllaCloudClient client,
        ClusterStateStore store,
        ToolOutput output,
        CreateSpec spec,
        bool waitForActive,
        TimeSpan interval,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var accountId = await globals.ResolveAccountIdAsync(parseResult, context, client, null, cancellationToken);
        output.Step($"Account {accountId}");

        var providers = await client.GetCloudProvidersAsync(cancellationToken);
        var cloudProvider = providers.FirstOrDefault(p => string.Equals(p.Name, spec.Provider, StringComparison.OrdinalIgnoreCase))
            ?? throw new ToolException($"Cloud provider '{spec.Provider}' not found; the API offers: {Names(providers.Select(p => p.Name))}.");
        output.Step($"Cloud provider {spec.Provider} → id {cloudProvider.Id}");

        var regions = await client.GetRegionsAsync(cloudProvider.Id, cancellationToken);
        var cloudRegion = regions.FirstOrDefault(r => Matches(spec.Region, r.Name, r.ExternalId))
            ?? throw new ToolException($"Region '{spec.Region}' not found for {spec.Provider}; the API offers: {Names(regions.Select(r => r.ExternalId ?? r.Name))}.");
        output.Step($"Region {spec.Region} → id {cloudRegion.Id}");

        var instances = await client.GetInstanceTypesAsync(cloudProvider.Id, cloudRegion.Id, vectorSearch: false, cancellationToken);
        var instance = instances.FirstOrDefault(i => Matches(spec.NodeType, i.ExternalId, i.Name))
            ?? throw new ToolException($"Instance type '{spec.NodeType}' not found in {spec.Region}; the API offers: {Names(instances.Select(i => i.ExternalId ?? i.Name))}.");
        output.Step($"Instance type {spec.NodeType} → id {instance.Id}");

        VectorSearchSpec? vectorSearch = null;
        if (spec.VectorSearch)
        {
            var vectorInstances = await client.GetInstanceTypesAsync(cloudProvider.Id, cloudRegion.Id, vectorSearch: true, cancellationToken);
            var vectorInstance = vectorInstances.FirstOrDefault(i => Matches(spec.VectorNodeType, i.ExternalId, i.Name))
                ?? throw new ToolException(
                    $"Vector search instance type '{spec.VectorNodeType}' not found in {spec.Region}; the API offers: {Names(vectorInstances.Select(i => i.ExternalId ?? i.Name))}.");
            output.Step($"Vector search instance type {spec.VectorNodeType} → id {vectorInstance.Id}");
            vectorSearch = new VectorSearchSpec { NodeCount = spec.VectorNodeCount, DefaultInstanceTypeId = vectorInstance.Id };
        }

        var body = new ClusterCreateRequest
        {
            ClusterName = spec.Name,
            CloudProviderId = cloudProvider.Id,
            RegionId = cloudRegion.Id,
            InstanceId = instance.Id,
            NumberOfNodes = spec.NodeCount,
            ReplicationFactor = spec.ReplicationFactor,
            BroadcastType = spec.BroadcastType,
            CidrBlock = spec.BroadcastType == "PRIVATE" ? spec.CidrBlock : null,
            AllowedIPs = [.. spec.AllowedIps],
            UserApiInterface = spec.UserApi,
            AlternatorWriteIsolation = spec.UserApi == "ALTERNATOR" ? spec.AlternatorWriteIsolation : null,
            EnableDnsAssociation = spec.EnableDnsAssociation,
            FreeTier = spec.FreeTier,
            PromProxy = spec.PromProxy,
            ScyllaVersion = spec.ScyllaVersion,
            AccountCredentialId = spec.AccountCredentialId > 0 ? spec.AccountCredentialId : null,
            Provisioning = spec.Provisioning,
            Pu = spec.FreeTier ? spec.Pu : null,
            Expiration = spec.FreeTier ? spec.Expiration : null,
            VectorSearch = vectorSearch,
        };

        var requestId = await client.CreateClusterAsync(accountId, body, cancellationToken);

        // Record the cluster before anything else can fail, so it can always be found and destroyed later.
        var entry = new ClusterStateEntry
        {
            Name = spec.Name,
            AccountId = accountId,
            RequestId = requestId,
            CloudProvider = spec.Provider,
            Region = spec.Region,
            VectorSearch = spec.VectorSearch,
            CreatedAt = context.TimeProvider.GetUtcNow(),
            RequestStatus = "QUEUED",
            Request = body,
        };
        await store.UpdateAsync(state => state.Clusters[spec.Name] = entry, cancellationToken);
        output.Step($"Cluster creation requested (request {requestId}); recorded in {store.Path}");

        ClusterRequestInfo request;
        try
        {
            request = await client.GetClusterRequestAsync(accountId, requestId, cancellationToken);
            await RecordAsync(store, spec.Name, request, cancellationToken);
        }
        catch (ToolException ex) when (!waitForActive)
        {
            // The cluster is requested and recorded; reading its progress can wait for 'status'.
            output.Warning($"Could not read request {requestId} yet ({ex.Message}); 'status --name {spec.Name}' follows up.");
            request = new ClusterRequestInfo { Id = requestId, Status = "QUEUED" };
        }

        string? clusterStatus = null;
        if (waitForActive)
        {
            (request, clusterStatus) = await WaitAsync(client, store, output, accountId, spec.Name, requestId, request, interval, timeout, context.TimeProvider, cancellationToken);
        }

        if (output.IsJson)
        {
            output.Json(new JsonObject
            {
                ["name"] = spec.Name,
                ["accountId"] = accountId,
                ["requestId"] = requestId,
                ["clusterId"] = request.ClusterId,
                ["requestStatus"] = request.Status,
                ["clusterStatus"] = clusterStatus,
                ["stateFile"] = store.Path,
            });
        }
        else
        {
            output.Write(ToolOutput.KeyValueTable(
            [
                ("Cluster", spec.Name),
                ("Account ID", accountId.ToString(CultureInfo.InvariantCulture)),
                ("Request ID", requestId.ToString(CultureInfo.InvariantCulture)),
                ("Cluster ID", request.ClusterId?.ToString(CultureInfo.InvariantCulture) ?? "not assigned yet"),
                ("Request status", request.Status),
                ("Cluster status", clusterStatus ?? "—"),
                ("Vector search", spec.VectorSearch ? $"{spec.VectorNodeCount} × {spec.VectorNodeType}" : "disabled"),
            ]));
            output.Note(clusterStatus == "ACTIVE"
                ? $"Next: 'info --name {spec.Name}' prints the connection details."
                : $"Next: 'status --name {spec.Name}' follows the build ('create --wait' waits for it).");
        }

        return 0;
    }

    private static async Task<(ClusterRequestInfo Request, string? ClusterStatus)> WaitAsync(
        ScyllaCloudClient client,
        ClusterStateStore store,
        ToolOutput output,
        long accountId,
        string name,
        long requestId,
        ClusterRequestInfo request,
        TimeSpan interval,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        void CheckTimeout(string what)
        {
            if (timeProvider.GetElapsedTime(started) > timeout)
            {
                throw new ToolException(
                    $"Gave up after {timeout.TotalSeconds:F0} s waiting for {what}; the cluster stays recorded: check it with 'status --name {name}'.");
            }
        }

        await output.ProgressConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Request {requestId}: {request.Status}", maxValue: 100);
                while (!request.IsFinished)
                {
                    task.Value = request.ProgressPercent ?? task.Value;
                    task.Description = Markup.Escape($"Request {requestId}: {request.Status} {request.ProgressDescription}".TrimEnd());
                    CheckTimeout("the create request");
                    await Task.Delay(interval, timeProvider, cancellationToken);
                    request = await client.GetClusterRequestAsync(accountId, requestId, cancellationToken);
                    await RecordAsync(store, name, request, cancellationToken);
                }

                task.Value = request.Status == "COMPLETED" ? 100 : task.Value;
                task.Description = Markup.Escape($"Request {requestId}: {request.Status}");
                task.StopTask();
            });

        if (request.Status != "COMPLETED")
        {
            throw new ToolException(
                $"The create request {requestId} ended {request.Status}{(string.IsNullOrEmpty(request.UserFriendlyError) ? string.Empty : ": " + request.UserFriendlyError)}. " +
                $"The entry stays in the state file; remove the cluster with 'destroy --name {name}'.");
        }

        var clusterId = request.ClusterId
            ?? throw new ToolException($"The create request {requestId} completed without a cluster id.");
        output.Step($"Request {requestId} completed; cluster id {clusterId}");

        string? status = null;
        await output.ProgressConsole.Status().StartAsync("Waiting for the cluster to become ACTIVE…", async statusContext =>
        {
            while (true)
            {
                var cluster = ScyllaCloudClient.ReadCluster(await client.GetClusterRawAsync(accountId, clusterId, cancellationToken));
                status = cluster.Status;
                statusContext.Status(Markup.Escape($"Cluster {clusterId}: {status}"));
                if (status is "ACTIVE")
                {
                    return;
                }

                if (status is "BOOTSTRAP_ERROR" or "DELETED" or "PENDING_DELETE" or "INACTIVE")
                {
                    throw new ToolException($"Cluster {clusterId} is {status}; it stays recorded: check it with 'status --name {name}'.");
                }

                CheckTimeout("the cluster to become ACTIVE");
                await Task.Delay(interval, timeProvider, cancellationToken);
            }
        });
        output.Step($"Cluster {clusterId} is ACTIVE");
        return (request, status);
    }

    internal static async Task RecordAsync(ClusterStateStore store, string name, ClusterRequestInfo request, CancellationToken cancellationToken) =>
        await store.UpdateAsync(
            state =>
            {
                if (state.Clusters.TryGetValue(name, out var entry))
                {
                    entry.RequestStatus = request.Status ?? entry.RequestStatus;
                    entry.ClusterId = request.ClusterId ?? entry.ClusterId;
                }
            },
            cancellationToken);

    private static bool Matches(string wanted, params string?[] candidates) =>
        candidates.Any(c => string.Equals(c, wanted, StringComparison.OrdinalIgnoreCase));

    private static string Names(IEnumerable<string?> names)
    {
        var list = names.Where(n => !string.IsNullOrEmpty(n)).Take(20).ToList();
        return list.Count == 0 ? "nothing" : string.Join(", ", list);
    }

    private sealed class CreateSpec
    {
        public required string Name { get; init; }

        public required string Provider { get; init; }

        public required string Region { get; init; }

        public int NodeCount { get; init; }

        public required string NodeType { get; init; }

        public bool VectorSearch { get; init; }

        public int VectorNodeCount { get; init; }

        public required string VectorNodeType { get; init; }

        public required string BroadcastType { get; init; }

        public required string CidrBlock { get; init; }

        public required IReadOnlyList<string> AllowedIps { get; init; }

        public int ReplicationFactor { get; init; }

        public required string ScyllaVersion { get; init; }

        public required string UserApi { get; init; }

        public required string AlternatorWriteIsolation { get; init; }

        public bool EnableDnsAssociation { get; init; }

        public bool FreeTier { get; init; }

        public bool PromProxy { get; init; }

        public required string Provisioning { get; init; }

        public long AccountCredentialId { get; init; }

        public int Pu { get; init; }

        public required string Expiration { get; init; }
    }
}
