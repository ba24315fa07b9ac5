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
        var name = new TextSetting("--name", "Cluster name from the state file (required).", "SCYLLA_CLOUD_CLUSTER_NAME", null);
        var force = new Setting<bool>("--force", "Do not ask for confirmation (required when input is not a terminal).", "SCYLLA_CLOUD_FORCE", false);
        var command = new Command("destroy", "Delete a recorded cluster and remove it from the state file.");
        command.Options.Add(name.Option);
        command.Options.Add(force.Option);
        CommandRunner.SetHandler(command, context, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            var clusterName = name.ResolveRequired(parseResult, context);
            var store = globals.CreateStateStore(parseResult, context);
            var entry = await ClusterResolver.GetEntryAsync(store, clusterName, cancellationToken);
            using var client = globals.CreateClient(parseResult, context);
            var accountId = await globals.ResolveAccountIdAsync(parseResult, context, client, entry, cancellationToken);
            var (clusterId, request) = await ClusterResolver.ResolveClusterIdAsync(client, store, entry, accountId, cancellationToken);

            if (clusterId is null)
            {
                if (request?.Status is "FAILED" or "CANCELLED")
                {
                    await Forget(store, clusterName, cancellationToken);
                    return Report(output, clusterName, null, null, $"request {entry.RequestId} ended {request.Status}; nothing to delete, removed from the state file");
                }

                throw new ToolException(
                    $"Cluster '{clusterName}' is still being created (request {entry.RequestId} is {request?.Status}) and has no id yet; try again when 'status' shows one.");
            }

            var cluster = ScyllaCloudClient.ReadCluster(await client.GetClusterRawAsync(accountId, clusterId.Value, cancellationToken));
            if (cluster.Status is "DELETED" or "PENDING_DELETE")
            {
                await Forget(store, clusterName, cancellationToken);
                return Report(output, clusterName, clusterId, null, $"cluster is already {cluster.Status}; removed from the state file");
            }

            if (!force.Resolve(parseResult, context))
            {
                if (!context.IsInteractive)
                {
                    throw new ToolException($"Refusing to destroy '{clusterName}' without confirmation: pass --force.");
                }

                if (!await context.Out.ConfirmAsync($"Destroy cluster '{Markup.Escape(clusterName)}' ({clusterId}) and all its data?", defaultValue: false, cancellationToken))
                {
                    output.Note("Cancelled; nothing was changed.");
                    return 1;
                }
            }

            var deletion = await client.DeleteClusterAsync(accountId, clusterId.Value, clusterName, cancellationToken);
            await Forget(store, clusterName, cancellationToken);
            return Report(
                output,
                clusterName,
                clusterId,
                deletion,
                $"deletion requested (request {deletion.Id.ToString(CultureInfo.InvariantCulture)}, {deletion.Status}); removed from the state file");
        });
        return command;
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
