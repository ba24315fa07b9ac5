namespace SemanticCache.ScyllaCloud;

/// <summary>
/// One cluster the tool created. The entry is written as soon as the create request is accepted, with the
/// request id; the cluster id is filled in once the request reports one, so a crash or a failed poll never loses
/// track of a cluster that is being built.
/// </summary>
internal sealed class ClusterStateEntry
{
    public required string Name { get; set; }

    public long AccountId { get; set; }

    public long? RequestId { get; set; }

    public long? ClusterId { get; set; }

    public string? RequestStatus { get; set; }

    public string? CloudProvider { get; set; }

    public string? Region { get; set; }

    public bool VectorSearch { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets the create body that was sent (it holds no secrets).</summary>
    public ClusterCreateRequest? Request { get; set; }
}
