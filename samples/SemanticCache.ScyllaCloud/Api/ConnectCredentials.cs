namespace SemanticCache.ScyllaCloud;

/// <summary>The CQL credentials in the connect info.</summary>
internal sealed class ConnectCredentials
{
    public string? Username { get; set; }

    public string? Password { get; set; }
}
