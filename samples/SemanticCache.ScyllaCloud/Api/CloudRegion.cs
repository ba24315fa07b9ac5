namespace SemanticCache.ScyllaCloud;

/// <summary>An entry of <c>GET /deployment/cloud-provider/{id}/regions</c> (<c>data.regions[]</c>).</summary>
internal sealed class CloudRegion
{
    public long Id { get; set; }

    public string? Name { get; set; }

    public string? ExternalId { get; set; }

    public string? DcName { get; set; }

    public string? FullName { get; set; }
}
