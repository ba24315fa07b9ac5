using System.Text.Json.Serialization;

namespace SemanticCache.ScyllaCloud;

/// <summary>One data center of the connect info: its name and the addresses clients connect to.</summary>
internal sealed class ConnectDataCenter
{
    public string? DcName { get; set; }

    [JsonPropertyName("publicIPs")]
    public List<string> PublicIPs { get; set; } = [];

    [JsonPropertyName("privateIPs")]
    public List<string> PrivateIPs { get; set; } = [];

    public List<string> Dns { get; set; } = [];
}
