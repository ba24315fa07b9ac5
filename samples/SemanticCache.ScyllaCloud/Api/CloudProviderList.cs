namespace SemanticCache.ScyllaCloud;

/// <summary>The <c>data</c> of <c>GET /deployment/cloud-providers</c>.</summary>
internal sealed class CloudProviderList
{
    public List<CloudProvider> CloudProviders { get; set; } = [];
}
