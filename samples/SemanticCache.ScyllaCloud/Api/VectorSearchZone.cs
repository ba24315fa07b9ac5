namespace SemanticCache.ScyllaCloud;

/// <summary>An availability zone of the vector search service with its nodes.</summary>
internal sealed class VectorSearchZone
{
    public string? Azid { get; set; }

    public string? RackName { get; set; }

    public List<VectorSearchNode> Nodes { get; set; } = [];
}
