using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// A cluster of the state file that a command works on, with the API client, the account and, once the create
/// request reports one, the cluster id. Disposing it disposes the client.
/// </summary>
internal sealed class RecordedCluster : IDisposable
{
    /// <summary>Gets the name the command was given: the cluster's key in the state file.</summary>
    public required string Name { get; init; }

    public required ClusterStateStore Store { get; init; }

    public required ClusterStateEntry Entry { get; init; }

    public required ScyllaCloudClient Client { get; init; }

    public long AccountId { get; init; }

    /// <summary>Gets the cluster id, or <see langword="null"/> while the create request has none yet (see <see cref="Request"/>).</summary>
    public long? ClusterId { get; init; }

    /// <summary>Gets the create request, when it was asked for the cluster id.</summary>
    public ClusterRequestInfo? Request { get; init; }

    /// <summary>Gets the rows that open the tables of <c>info</c> and <c>status</c>: the cluster's name and id.</summary>
    public (string Key, string? Value)[] IdentityRows =>
    [
        ("Cluster", Entry.Name),
        ("Cluster ID", ClusterId?.ToString(CultureInfo.InvariantCulture) ?? "not assigned yet"),
    ];

    /// <summary>
    /// Writes what the API answered about the cluster: in JSON mode the answer itself, completed by
    /// <paramref name="completeJson"/>; otherwise a table of the cluster's name and id followed by <paramref name="rows"/>.
    /// </summary>
    /// <returns><see langword="true"/> when text was written, so the caller can add its own tables.</returns>
    public bool WriteAnswer(ToolOutput output, JsonElement answer, Action<JsonObject> completeJson, IEnumerable<(string Key, string? Value)> rows)
    {
        if (output.IsJson)
        {
            var json = JsonNode.Parse(answer.GetRawText())!.AsObject();
            completeJson(json);
            output.Json(json);
            return false;
        }

        output.Write(ToolOutput.KeyValueTable([.. IdentityRows, .. rows]));
        return true;
    }

    public void Dispose() => Client.Dispose();
}
