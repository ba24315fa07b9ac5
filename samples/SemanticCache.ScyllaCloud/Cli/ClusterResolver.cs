namespace SemanticCache.ScyllaCloud;

/// <summary>Finds a cluster of the state file and its cluster id, resolving a recorded request id when needed.</summary>
internal static class ClusterResolver
{
    public static async Task<ClusterStateEntry> GetEntryAsync(ClusterStateStore store, string name, CancellationToken cancellationToken)
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
    public static async Task<(long? ClusterId, ClusterRequestInfo? Request)> ResolveClusterIdAsync(
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
