namespace SemanticCache.ScyllaCloud;

/// <summary>An entry of <c>GET /deployment/cloud-provider/{id}/region/{id}</c> (<c>data.instances[]</c>).</summary>
internal sealed class InstanceType
{
    public long Id { get; set; }

    /// <summary>Gets or sets the provider's name of the instance type, such as <c>i4i.large</c>.</summary>
    public string? ExternalId { get; set; }

    public string? Name { get; set; }

    public long? Memory { get; set; }

    public int? CpuCount { get; set; }
}
