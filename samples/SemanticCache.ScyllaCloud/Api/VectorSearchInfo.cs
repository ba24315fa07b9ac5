namespace SemanticCache.ScyllaCloud;

/// <summary>The <c>data</c> of <c>GET …/dc/{dcId}/vector-search</c>: HEALTHY, DEGRADED, UNHEALTHY or UNKNOWN, and its zones.</summary>
internal sealed class VectorSearchInfo
{
    public string? Status { get; set; }

    public List<VectorSearchZone> AvailabilityZones { get; set; } = [];
}
