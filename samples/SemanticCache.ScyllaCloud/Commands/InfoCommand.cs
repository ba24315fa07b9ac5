using System.CommandLine;
using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud;

/// <summary><c>info</c>: how to connect to a cluster: credentials, DNS names and IP addresses per data center.</summary>
internal static class InfoCommand
{
    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        var name = ClusterResolver.CreateNameSetting();
        var showPassword = new Setting<bool>("--show-password", "Print the CQL password instead of masking it.", "SCYLLA_CLOUD_SHOW_PASSWORD", false);
        return CommandRunner.CreateCommand("info", "Show connection details of a recorded cluster (the password is masked unless --show-password).", context, [name, showPassword], async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            var reveal = showPassword.Resolve(parseResult, context);
            using var cluster = await ClusterResolver.OpenAsync(globals, parseResult, context, name.ResolveRequired(parseResult, context), cancellationToken);
            if (cluster.ClusterId is not { } clusterId)
            {
                throw new ToolException(
                    $"Cluster '{cluster.Entry.Name}' has no cluster id yet (request {cluster.Entry.RequestId} is {cluster.Request?.Status}); try again later or use 'create --wait'.");
            }

            var raw = await cluster.Client.GetConnectInfoRawAsync(cluster.AccountId, clusterId, cancellationToken);
            var info = ScyllaCloudClient.ReadConnectInfo(raw);
            var shownPassword = SecretText.Show(info.Credentials?.Password, reveal);

            var text = cluster.WriteAnswer(
                output,
                raw,
                json =>
                {
                    if (json.TryGetPropertyValue("credentials", out var credentials) && credentials is JsonObject credentialObject &&
                        credentialObject.ContainsKey("password"))
                    {
                        credentialObject["password"] = shownPassword;
                    }

                    json["clusterName"] = cluster.Entry.Name;
                    json["clusterId"] = clusterId;
                },
                [
                    ("Broadcast type", info.BroadcastType),
                    ("Username", info.Credentials?.Username),
                    ("Password", shownPassword),
                    ("CQL port", "9042 (9142 with TLS)"),
                ]);
            if (!text)
            {
                return 0;
            }

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
