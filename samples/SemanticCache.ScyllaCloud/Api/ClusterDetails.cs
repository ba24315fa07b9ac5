using System.Text.Json;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// The <c>data.cluster</c> of <c>GET /account/{accountId}/cluster/{clusterId}?enriched=true</c>. Status is ACTIVE,
/// QUEUED, BOOTSTRAPPING, BOOTSTRAP_ERROR, INACTIVE, PENDING_DELETE or DELETED. Fields whose shape the API documents
/// loosely (region, version) stay raw JSON.
/// </summary>
internal sealed class ClusterDetails
{
    public long Id { get; set; }

    public string? ClusterName { get; set; }

    public string? Status { get; set; }

    public JsonElement Region { get; set; }

    public JsonElement ScyllaVersion { get; set; }

    public ClusterDataCenter? Dc { get; set; }

    public List<ClusterDataCenter> DataCenters { get; set; } = [];

    public List<ClusterNode> Nodes { get; set; } = [];
}
