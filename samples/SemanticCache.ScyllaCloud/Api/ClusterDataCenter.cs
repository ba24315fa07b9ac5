namespace SemanticCache.ScyllaCloud;

/// <summary>A data center of a cluster; its id addresses the vector-search endpoints.</summary>
internal sealed class ClusterDataCenter
{
    public long Id { get; set; }

    public string? Name { get; set; }

    public string? Status { get; set; }
}
