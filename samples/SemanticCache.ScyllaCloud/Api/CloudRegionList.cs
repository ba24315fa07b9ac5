namespace SemanticCache.ScyllaCloud;

/// <summary>The <c>data</c> of <c>GET /deployment/cloud-provider/{id}/regions?defaults=true</c>.</summary>
internal sealed class CloudRegionList
{
    public List<CloudRegion> Regions { get; set; } = [];

    public long? DefaultRegionId { get; set; }
}
