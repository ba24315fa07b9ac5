using System.CommandLine;

namespace SemanticCache.ScyllaCloud;

/// <summary>Finds a cluster of the state file and its cluster id, resolving a recorded request id when needed.</summary>
internal static class ClusterResolver
{
    /// <summary>Creates the <c>--name</c> option of the commands that work on a recorded cluster.</summary>
    public static TextSetting CreateNameSetting() =>
        new("--name", "Cluster name from the state file (required).", "SCYLLA_CLOUD_CLUSTER_NAME", null);

    /// <summary>
    /// Looks the cluster up in the state file (before any token is needed), then creates the API client and resolves
    /// the account and the cluster id.
    /// </summary>
    public static async Task<RecordedCluster> OpenAsync(
        GlobalSettings globals,
        ParseResult parseResult,
        ToolContext context,
        string name,
        CancellationToken cancellationToken)
    {
        var store = globals.CreateStateStore(parseResult, context);
        var entry = await GetEntryAsync(store, name, cancellationToken);
        var client = globals.CreateClient(parseResult, context);
        try
        {
            var accountId = await globals.ResolveAccountIdAsync(parseResult, context, client, entry, cancellationToken);
            var (clusterId, request) = await ResolveClusterIdAsync(client, store, entry, accountId, cancellationToken);
            return new RecordedCluster
            {
                Name = name,
                Store = store,
                Entry = entry,
                Client = client,
                AccountId = accountId,
                ClusterId = clusterId,
                Request = request,
            };
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<ClusterStateEntry> GetEntryAsync(ClusterStateStore store, string name, CancellationToken cancellationToken)
    {
        var state = await store.LoadAsync(cancellationToken);
        return state.Clusters.TryGetValue(name, out var entry)
            ? entry
            : throw new ToolException($"Cluster '{name}' is not in the state file {store.Path}; 'list' shows the recorded clusters.");
    }

    /// <summary>
    /// Returns the cluster id, asking the create request for it when the state has only the request id (and
    /// saving what it learns). Returns <see langword="null"/> with the request when the request has no cluster yet.
    /// </summary>
    private static async Task<(long? ClusterId, ClusterRequestInfo? Request)> ResolveClusterIdAsync(
        ScyllaCloudClient client,
        ClusterStateStore store,
        ClusterStateEntry entry,
        long accountId,
        CancellationToken cancellationToken)
    {
        if (entry.ClusterId is { } known)
        {
            return (known, null);
        }

        if (entry.RequestId is not { } requestId)
        {
            throw new ToolException($"The state file has neither a cluster id nor a request id for '{entry.Name}'.");
        }

        var request = await client.GetClusterRequestAsync(accountId, requestId, cancellationToken);
        await CreateCommand.RecordAsync(store, entry.Name, request, cancellationToken);
        entry.ClusterId = request.ClusterId;
        entry.RequestStatus = request.Status ?? entry.RequestStatus;
        return (request.ClusterId, request);
    }
}
