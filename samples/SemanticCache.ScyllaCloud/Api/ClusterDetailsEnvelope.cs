namespace SemanticCache.ScyllaCloud;

/// <summary>The <c>data</c> of <c>GET …/cluster/{clusterId}</c>, which wraps the cluster in a <c>cluster</c> property.</summary>
internal sealed class ClusterDetailsEnvelope
{
    public ClusterDetails? Cluster { get; set; }
}
