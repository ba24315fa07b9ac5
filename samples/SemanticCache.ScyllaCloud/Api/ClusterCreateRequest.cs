using System.Text.Json.Serialization;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// The body of <c>POST /account/{accountId}/cluster</c> (<c>ClusterCreateRequestV1</c>). Field names are the API's
/// exactly; unset (null) fields are left out of the JSON.
/// </summary>
internal sealed class ClusterCreateRequest
{
    [JsonPropertyName("clusterName")]
    public required string ClusterName { get; set; }

    [JsonPropertyName("cloudProviderId")]
    public long CloudProviderId { get; set; }

    [JsonPropertyName("regionId")]
    public long RegionId { get; set; }

    [JsonPropertyName("instanceId")]
    public long InstanceId { get; set; }

    [JsonPropertyName("numberOfNodes")]
    public int NumberOfNodes { get; set; }

    [JsonPropertyName("replicationFactor")]
    public int ReplicationFactor { get; set; }

    [JsonPropertyName("broadcastType")]
    public required string BroadcastType { get; set; }

    /// <summary>Gets or sets the VPC CIDR block; sent only for PRIVATE broadcast.</summary>
    [JsonPropertyName("cidrBlock")]
    public string? CidrBlock { get; set; }

    [JsonPropertyName("allowedIPs")]
    public List<string> AllowedIPs { get; set; } = [];

    [JsonPropertyName("userApiInterface")]
    public required string UserApiInterface { get; set; }

    /// <summary>Gets or sets the Alternator write isolation; sent only for the ALTERNATOR interface.</summary>
    [JsonPropertyName("alternatorWriteIsolation")]
    public string? AlternatorWriteIsolation { get; set; }

    [JsonPropertyName("enableDnsAssociation")]
    public bool EnableDnsAssociation { get; set; }

    [JsonPropertyName("freeTier")]
    public bool FreeTier { get; set; }

    [JsonPropertyName("promProxy")]
    public bool PromProxy { get; set; }

    [JsonPropertyName("scyllaVersion")]
    public required string ScyllaVersion { get; set; }

    /// <summary>Gets or sets the bring-your-own-account credential id; left out to use ScyllaDB's own cloud account.</summary>
    [JsonPropertyName("accountCredentialId")]
    public long? AccountCredentialId { get; set; }

    [JsonPropertyName("provisioning")]
    public required string Provisioning { get; set; }

    /// <summary>Gets or sets the processing units; sent only for free-tier clusters.</summary>
    [JsonPropertyName("pu")]
    public int? Pu { get; set; }

    /// <summary>Gets or sets the expiration (such as <c>96h</c>); sent only for free-tier clusters.</summary>
    [JsonPropertyName("expiration")]
    public string? Expiration { get; set; }

    /// <summary>Gets or sets the vector search nodes; left out entirely when vector search is disabled.</summary>
    [JsonPropertyName("vectorSearch")]
    public VectorSearchSpec? VectorSearch { get; set; }
}
