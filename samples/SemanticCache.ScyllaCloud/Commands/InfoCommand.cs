using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud;

/// <summary><c>info</c>: how to connect to a cluster: credentials, DNS names and IP addresses per data center.</summary>
internal static class InfoCommand
{
    private const string Mask = "********";

    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        var name = new TextSetting("--name", "Cluster name from the state file (required).", "SCYLLA_CLOUD_CLUSTER_NAME", null);
        var showPassword = new Setting<bool>("--show-password", "Print the CQL password instead of masking it.", "SCYLLA_CLOUD_SHOW_PASSWORD", false);
        var command = new Command("info", "Show connection details of a recorded cluster (the password is masked unless --show-password).");
        command.Options.Add(name.Option);
        command.Options.Add(showPassword.Option);
        CommandRunner.SetHandler(command, context, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            var reveal = showPassword.Resolve(parseResult, context);
            var store = globals.CreateStateStore(parseResult, context);
            var entry = await ClusterResolver.GetEntryAsync(store, name.ResolveRequired(parseResult, context), cancellationToken);
            using var client = globals.CreateClient(parseResult, context);
            var accountId = await globals.ResolveAccountIdAsync(parseResult, context, client, entry, cancellationToken);
            var (clusterId, request) = await ClusterResolver.ResolveClusterIdAsync(client, store, entry, accountId, cancellationToken);
            if (clusterId is null)
            {
                throw new ToolException(
                    $"Cluster '{entry.Name}' has no cluster id yet (request {entry.RequestId} is {request?.Status}); try again later or use 'create --wait'.");
            }

            var raw = await client.GetConnectInfoRawAsync(accountId, clusterId.Value, cancellationToken);
            var info = ScyllaCloudClient.ReadConnectInfo(raw);
            var password = info.Credentials?.Password;
            var shownPassword = password is null ? null : reveal ? password : Mask;

            if (output.IsJson)
            {
                var json = JsonNode.Parse(raw.GetRawText())!.AsObject();
                if (json.TryGetPropertyValue("credentials", out var credentials) && credentials is JsonObject credentialObject &&
                    credentialObject.ContainsKey("password"))
                {
                    credentialObject["password"] = shownPassword;
                }

                json["clusterName"] = entry.Name;
                json["clusterId"] = clusterId.Value;
                output.Json(json);
                return 0;
            }

            output.Write(ToolOutput.KeyValueTable(
            [
                ("Cluster", entry.Name),
                ("Cluster ID", clusterId.Value.ToString(CultureInfo.InvariantCulture)),
                ("Broadcast type", info.BroadcastType),
                ("Username", info.Credentials?.Username),
                ("Password", shownPassword),
                ("CQL port", "9042 (9142 with TLS)"),
            ]));
            output.Write(ToolOutput.Table(
                ["Data center", "DNS", "Public IPs", "Private IPs"],
                info.ConnectDataCenters.Select(dc => new[] { dc.DcName, Join(dc.Dns), Join(dc.PublicIPs), Join(dc.PrivateIPs) })));

            var contactPoints = ContactPoints(info);
            if (contactPoints.Count > 0)
            {
                output.Note(
                    $"Agent: --with-cache scylla --scylla-contact-points {string.Join(',', contactPoints)} --scylla-user {info.Credentials?.Username} --scylla-password {shownPassword}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Prefers DNS names, then the addresses that match the broadcast type.</summary>
    internal static List<string> ContactPoints(ConnectInfo info)
    {
        var result = new List<string>();
        foreach (var dc in info.ConnectDataCenters)
        {
            var addresses = dc.Dns.Count > 0 ? dc.Dns
                : string.Equals(info.BroadcastType, "PRIVATE", StringComparison.OrdinalIgnoreCase) ? dc.PrivateIPs
                : dc.PublicIPs.Count > 0 ? dc.PublicIPs : dc.PrivateIPs;
            result.AddRange(addresses);
        }

        return result;
    }

    private static string? Join(List<string> values) => values.Count == 0 ? null : string.Join(", ", values);
}
