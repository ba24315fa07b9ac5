using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace SemanticCache.ScyllaCloud;

/// <summary><c>list</c>: the clusters recorded in the local state file (no API call, no token needed).</summary>
internal static class ListCommand
{
    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        return CommandRunner.CreateCommand("list", "List the clusters recorded in the local state file.", context, [], async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            var store = globals.CreateStateStore(parseResult, context);
            var state = await store.LoadAsync(cancellationToken);
            if (output.IsJson)
            {
                output.Json(JsonSerializer.SerializeToNode(state, ScyllaCloudJsonContext.Default.ClusterStateFile));
                return 0;
            }

            if (state.Clusters.Count == 0)
            {
                output.Note($"No clusters recorded in {store.Path}.");
                return 0;
            }

            output.Note($"Clusters in {store.Path}:");
            output.Write(ToolOutput.Table(
                ["Name", "Cluster ID", "Request ID", "Request status", "Provider", "Region", "Vector search", "Created (UTC)"],
                state.Clusters.Values.Select(c => new[]
                {
                    c.Name,
                    c.ClusterId?.ToString(CultureInfo.InvariantCulture),
                    c.RequestId?.ToString(CultureInfo.InvariantCulture),
                    c.RequestStatus,
                    c.CloudProvider,
                    c.Region,
                    c.VectorSearch ? "yes" : "no",
                    c.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                })));
            return 0;
        });
    }
}
