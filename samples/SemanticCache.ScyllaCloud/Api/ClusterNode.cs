namespace SemanticCache.ScyllaCloud;

/// <summary>A node of a cluster.</summary>
internal sealed class ClusterNode
{
    public long Id { get; set; }

    public string? Dns { get; set; }

    public string? PublicIp { get; set; }

    public string? PrivateIp { get; set; }

    public string? Status { get; set; }

    public string? State { get; set; }

    public long? DcId { get; set; }
}
