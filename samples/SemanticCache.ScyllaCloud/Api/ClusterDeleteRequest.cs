using System.Text.Json.Serialization;

namespace SemanticCache.ScyllaCloud;

/// <summary>The body of <c>POST /account/{accountId}/cluster/{clusterId}/delete</c>: the exact cluster name, as a guard.</summary>
internal sealed class ClusterDeleteRequest
{
    [JsonPropertyName("clusterName")]
    public required string ClusterName { get; set; }
}
