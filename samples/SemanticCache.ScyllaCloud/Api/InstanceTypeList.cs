namespace SemanticCache.ScyllaCloud;

/// <summary>The <c>data</c> of <c>GET /deployment/cloud-provider/{id}/region/{id}[?target=VECTOR_SEARCH]</c>.</summary>
internal sealed class InstanceTypeList
{
    public List<InstanceType> Instances { get; set; } = [];

    public long? DefaultInstanceId { get; set; }
}
