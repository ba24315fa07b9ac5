namespace SemanticCache.ScyllaCloud;

/// <summary>The <c>data</c> of <c>GET /account/{accountId}/cluster/connect?clusterId={id}</c>.</summary>
internal sealed class ConnectInfo
{
    public string? BroadcastType { get; set; }

    public ConnectCredentials? Credentials { get; set; }

    public List<ConnectDataCenter> ConnectDataCenters { get; set; } = [];
}
