using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// <c>destroy</c>: deletes a recorded cluster (POST …/delete with the exact name). The state entry is removed only
/// once the API accepted the deletion, or when the cluster is already gone.
/// </summary>
internal static class DestroyCommand
{
    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        var name = ClusterResolver.CreateNameSetting();
        var force = new Setting<bool>("--force", "Do not ask for confirmation (required when input is not a terminal).", "SCYLLA_CLOUD_FORCE", false);
        return CommandRunner.CreateCommand("destroy", "Delete a recorded cluster and remove it from the state file.", context, [name, force], async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            var clusterName = name.ResolveRequired(parseResult, context);
            using var recorded = await ClusterResolver.OpenAsync(globals, parseResult, context, clusterName, cancellationToken);
            if (recorded.ClusterId is not { } clusterId)
            {
                if (recorded.Request?.Status is "FAILED" or "CANCELLED")
                {
                    await Forget(recorded.Store, clusterName, cancellationToken);
                    return Report(output, clusterName, null, null, $"request {recorded.Entry.RequestId} ended {recorded.Request.Status}; nothing to delete, removed from the state file");
                }

                throw new ToolException(
                    $"Cluster '{clusterName}' is still being created (request {recorded.Entry.RequestId} is {recorded.Request?.Status}) and has no id yet; try again when 'status' shows one.");
            }

            var cluster = ScyllaCloudClient.ReadCluster(await recorded.Client.GetClusterRawAsync(recorded.AccountId, clusterId, cancellationToken));
            if (cluster.Status is "DELETED" or "PENDING_DELETE")
            {
                await Forget(recorded.Store, clusterName, cancellationToken);
                return Report(output, clusterName, clusterId, null, $"cluster is already {cluster.Status}; removed from the state file");
            }

            var question = $"Destroy cluster '{Markup.Escape(clusterName)}' ({clusterId}) and all its data?";
            if (!await output.ConfirmAsync("destroy", clusterName, question, force.Resolve(parseResult, context), cancellationToken))
            {
                return 1;
            }

            var deletion = await recorded.Client.DeleteClusterAsync(recorded.AccountId, clusterId, clusterName, cancellationToken);
            await Forget(recorded.Store, clusterName, cancellationToken);
            return Report(
                output,
                clusterName,
                clusterId,
                deletion,
                $"deletion requested (request {deletion.Id.ToString(CultureInfo.InvariantCulture)}, {deletion.Status}); removed from the state file");
        });
    }

    private static Task Forget(ClusterStateStore store, string name, CancellationToken cancellationToken) =>
        store.UpdateAsync(state => state.Clusters.Remove(name), cancellationToken);

    private static int Report(ToolOutput output, string name, long? clusterId, ClusterRequestInfo? deletion, string message)
    {
        if (output.IsJson)
        {
            output.Json(new JsonObject
            {
                ["name"] = name,
                ["clusterId"] = clusterId,
                ["deleteRequestId"] = deletion?.Id,
                ["deleteRequestStatus"] = deletion?.Status,
                ["message"] = message,
            });
        }
        else
        {
            output.Step($"Cluster '{name}': {message}");
        }

        return 0;
    }
}
