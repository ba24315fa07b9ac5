using System.Text.Json;
using System.Text.Json.Serialization;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// Source-generated JSON metadata. Reading is case-insensitive and accepts numbers written as strings because the
/// API's casing and number types are inconsistent (<c>clusterID</c>/<c>clusterId</c>, <c>requestId</c> as string or int).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(AccountInfo))]
[JsonSerializable(typeof(CloudProviderList))]
[JsonSerializable(typeof(CloudRegionList))]
[JsonSerializable(typeof(InstanceTypeList))]
[JsonSerializable(typeof(ClusterCreateRequest))]
[JsonSerializable(typeof(ClusterDeleteRequest))]
[JsonSerializable(typeof(ClusterRequestInfo))]
[JsonSerializable(typeof(ClusterDetailsEnvelope))]
[JsonSerializable(typeof(ConnectInfo))]
[JsonSerializable(typeof(VectorSearchInfo))]
[JsonSerializable(typeof(ClusterStateFile))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ScyllaCloudJsonContext : JsonSerializerContext
{
}
