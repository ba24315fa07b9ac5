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
        var name = ClusterResolver.CreateNameSetting();
        return CommandRunner.CreateCommand("status", "Show a recorded cluster's status, data centers, nodes and vector search health.", context, [name], async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            using var recorded = await ClusterResolver.OpenAsync(globals, parseResult, context, name.ResolveRequired(parseResult, context), cancellationToken);
            if (recorded.ClusterId is not { } clusterId)
            {
                WritePending(output, recorded);
                return 0;
            }

            var raw = await recorded.Client.GetClusterRawAsync(recorded.AccountId, clusterId, cancellationToken);
            var cluster = ScyllaCloudClient.ReadCluster(raw);
            var vectorSearch = new List<(ClusterDataCenter Dc, VectorSearchInfo? Info, string? Error)>();
            foreach (var dc in DataCenters(cluster))
            {
                try
                {
                    vectorSearch.Add((dc, await recorded.Client.GetVectorSearchAsync(recorded.AccountId, clusterId, dc.Id, cancellationToken), null));
                }
                catch (ScyllaCloudApiException ex)
                {
                    // A cluster without vector search answers with an error code (such as 040745); show it, do not fail.
                    vectorSearch.Add((dc, null, ex.ErrorCode is null ? "unavailable" : $"not available (code {ex.ErrorCode})"));
                }
            }

            var text = recorded.WriteAnswer(
                output,
                raw,
                json => json["vectorSearch"] = VectorSearchJson(vectorSearch),
                [
                    ("Status", cluster.Status),
                    ("Region", JsonDisplay.Describe(cluster.Region) ?? recorded.Entry.Region),
                    ("ScyllaDB version", JsonDisplay.Describe(cluster.ScyllaVersion)),
                    ("Data centers", string.Join(", ", DataCenters(cluster).Select(dc => $"{dc.Name ?? dc.Id.ToString(CultureInfo.InvariantCulture)} ({dc.Status ?? "?"})"))),
                    ("Nodes", cluster.Nodes.Count.ToString(CultureInfo.InvariantCulture)),
                    ("Vector search", vectorSearch.Count == 0
                        ? "—"
                        : string.Join(", ", vectorSearch.Select(v => v.Info is null ? v.Error : $"{v.Info.Status} ({Nodes(v.Info.AvailabilityZones.Sum(z => z.Nodes.Count))})"))),
                ]);
            if (text && cluster.Nodes.Count > 0)
            {
                output.Write(ToolOutput.Table(
                    ["Node", "DNS", "Public IP", "Private IP", "Status", "State"],
                    cluster.Nodes.Select(n => new[] { n.Id.ToString(CultureInfo.InvariantCulture), n.Dns, n.PublicIp, n.PrivateIp, n.Status, n.State })));
            }

            return 0;
        });
    }

    private static JsonArray VectorSearchJson(List<(ClusterDataCenter Dc, VectorSearchInfo? Info, string? Error)> vectorSearch)
    {
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

        return vector;
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

    private static void WritePending(ToolOutput output, RecordedCluster recorded)
    {
        var request = recorded.Request!;
        if (output.IsJson)
        {
            output.Json(JsonSerializer.SerializeToNode(request, ScyllaCloudJsonContext.Default.ClusterRequestInfo));
            return;
        }

        output.Write(ToolOutput.KeyValueTable(
        [
            .. recorded.IdentityRows,
            ("Request ID", recorded.Entry.RequestId?.ToString(CultureInfo.InvariantCulture)),
            ("Request status", request.Status),
            ("Progress", request.ProgressPercent is { } p ? $"{p:F0}% {request.ProgressDescription}".TrimEnd() : request.ProgressDescription),
            ("Error", request.UserFriendlyError),
        ]));
    }
}
