using System.CommandLine;
using System.Text.Json;

namespace SemanticCache.ScyllaCloud;

/// <summary><c>list-clusters</c>: every cluster of the account, as the API reports them.</summary>
internal static class ListClustersCommand
{
    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        return CommandRunner.CreateCommand("list-clusters", "List all clusters of the account from the ScyllaDB Cloud API.", context, [], async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            using var client = globals.CreateClient(parseResult, context);
            var accountId = await globals.ResolveAccountIdAsync(parseResult, context, client, null, cancellationToken);
            var data = await client.ListClustersRawAsync(accountId, cancellationToken);
            if (output.IsJson)
            {
                output.Json(data);
                return 0;
            }

            var clusters = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("clusters", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().ToList()
                : [];
            output.Note($"Clusters of account {accountId}:");
            output.Write(ToolOutput.Table(
                ["ID", "Name", "Status", "Region", "ScyllaDB version"],
                clusters.Select(c => new[]
                {
                    JsonDisplay.Property(c, "id"),
                    JsonDisplay.Property(c, "clusterName") ?? JsonDisplay.Property(c, "name"),
                    JsonDisplay.Property(c, "status"),
                    JsonDisplay.Property(c, "region"),
                    JsonDisplay.Property(c, "scyllaVersion"),
                })));
            return 0;
        });
    }
}
