namespace SemanticCache.ScyllaCloud;

/// <summary>A vector search node.</summary>
internal sealed class VectorSearchNode
{
    public long Id { get; set; }

    public long? InstanceTypeId { get; set; }

    public string? Status { get; set; }

    public bool? Up { get; set; }

    public int? IndexCount { get; set; }
}
