namespace SemanticCache.ScyllaCloud;

/// <summary>An entry of <c>GET /deployment/cloud-providers</c> (<c>data.cloudProviders[]</c>).</summary>
internal sealed class CloudProvider
{
    public long Id { get; set; }

    public string? Name { get; set; }
}
