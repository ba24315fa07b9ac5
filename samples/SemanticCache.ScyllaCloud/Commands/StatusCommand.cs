using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud;

/// <summary><c>status</c>: the cluster's state, nodes and vector search health.</summary>
internal static class StatusCommand
{
    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        var name = new TextSetting("--name", "Cluster name from the state file (required).", "SCYLLA_CLOUD_CLUSTER_NAME", null);
        var command = new Command("status", "Show a recorded cluster's status, data centers, nodes and vector search health.");
        command.Options.Add(name.Option);
        CommandRunner.SetHandler(command, context, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            var store = globals.CreateStateStore(parseResult, context);
            var entry = await ClusterResolver.GetEntryAsync(store, name.ResolveRequired(parseResult, context), cancellationToken);
            using var client = globals.CreateClient(parseResult, context);
            var accountId = await globals.ResolveAccountIdAsync(parseResult, context, client, entry, cancellationToken);
            var (clusterId, request) = await ClusterResolver.ResolveClusterIdAsync(client, store, entry, accountId, cancellationToken);
            if (clusterId is null)
            {
                WritePending(output, entry, request!);
                return 0;
            }

            var raw = await client.GetClusterRawAsync(accountId, clusterId.Value, cancellationToken);
            var cluster = ScyllaCloudClient.ReadCluster(raw);
            var vectorSearch = new List<(ClusterDataCenter Dc, VectorSearchInfo? Info, string? Error)>();
            foreach (var dc in DataCenters(cluster))
            {
                try
                {
                    vectorSearch.Add((dc, await client.GetVectorSearchAsync(accountId, clusterId.Value, dc.Id, cancellationToken), null));
                }
                catch (ScyllaCloudApiException ex)
                {
                    // A cluster without vector search answers with an error code (such as 040745); show it, do not fail.
                    vectorSearch.Add((dc, null, ex.ErrorCode is null ? "unavailable" : $"not available (code {ex.ErrorCode})"));
                }
            }

            if (output.IsJson)
            {
                var json = JsonNode.Parse(raw.GetRawText())!.AsObject();
                var vector = new JsonArray();
                foreach (var (dc, info, error) in vectorSearch)
                {
                    vector.Add(new JsonObject
                    {
                        ["dcId"] = dc.Id,
                        ["status"] = info?.Status ?? error,
                        ["nodes"] = info?.AvailabilityZones.Sum(z => z.Nodes.Count),
                    });
                }

                json["vectorSearch"] = vector;
                output.Json(json);
                return 0;
            }

            output.Write(ToolOutput.KeyValueTable(
            [
                ("Cluster", entry.Name),
                ("Cluster ID", clusterId.Value.ToString(CultureInfo.InvariantCulture)),
                ("Status", cluster.Status),
                ("Region", ToolOutput.Describe(cluster.Region) ?? entry.Region),
                ("ScyllaDB version", ToolOutput.Describe(cluster.ScyllaVersion)),
                ("Data centers", string.Join(", ", DataCenters(cluster).Select(dc => $"{dc.Name ?? dc.Id.ToString(CultureInfo.InvariantCulture)} ({dc.Status ?? "?"})"))),
                ("Nodes", cluster.Nodes.Count.ToString(CultureInfo.InvariantCulture)),
                ("Vector search", vectorSearch.Count == 0
                    ? "—"
                    : string.Join(", ", vectorSearch.Select(v => v.Info is null ? v.Error : $"{v.Info.Status} ({Nodes(v.Info.AvailabilityZones.Sum(z => z.Nodes.Count))})"))),
            ]));
            if (cluster.Nodes.Count > 0)
            {
                output.Write(ToolOutput.Table(
                    ["Node", "DNS", "Public IP", "Private IP", "Status", "State"],
                    cluster.Nodes.Select(n => new[] { n.Id.ToString(CultureInfo.InvariantCulture), n.Dns, n.PublicIp, n.PrivateIp, n.Status, n.State })));
            }

            return 0;
        });
        return command;
    }

    private static string Nodes(int count) => count == 1 ? "1 node" : $"{count} nodes";

    internal static IEnumerable<ClusterDataCenter> DataCenters(ClusterDetails cluster)
    {
        if (cluster.DataCenters.Count > 0)
        {
            return cluster.DataCenters;
        }

        return cluster.Dc is { Id: > 0 } dc ? [dc] : [];
    }

    private static void WritePending(ToolOutput output, ClusterStateEntry entry, ClusterRequestInfo request)
    {
        if (output.IsJson)
        {
            output.Json(JsonSerializer.SerializeToNode(request, ScyllaCloudJsonContext.Default.ClusterRequestInfo));
            return;
        }

        output.Write(ToolOutput.KeyValueTable(
        [
            ("Cluster", entry.Name),
            ("Cluster ID", "not assigned yet"),
            ("Request ID", entry.RequestId?.ToString(CultureInfo.InvariantCulture)),
            ("Request status", request.Status),
            ("Progress", request.ProgressPercent is { } p ? $"{p:F0}% {request.ProgressDescription}".TrimEnd() : request.ProgressDescription),
            ("Error", request.UserFriendlyError),
        ]));
    }
}
