namespace SemanticCache.ScyllaCloud;

/// <summary>
/// A cluster request (<c>ClusterRequest</c>): returned by create (only <c>requestId</c>), by
/// <c>GET …/cluster/request/{id}</c> and by delete. Status is QUEUED, IN_PROGRESS, COMPLETED, FAILED or CANCELLED.
/// </summary>
internal sealed class ClusterRequestInfo
{
    public long Id { get; set; }

    /// <summary>Gets or sets the id the create call returns (<c>data.requestId</c>).</summary>
    public long? RequestId { get; set; }

    public string? RequestType { get; set; }

    /// <summary>Gets or sets the cluster id, filled once the request has one (Terraform spells it <c>clusterID</c>; reading is case-insensitive).</summary>
    public long? ClusterId { get; set; }

    public string? Status { get; set; }

    public double? ProgressPercent { get; set; }

    public string? ProgressDescription { get; set; }

    public string? UserFriendlyError { get; set; }

    public bool IsFinished => Status is "COMPLETED" or "FAILED" or "CANCELLED";
}
