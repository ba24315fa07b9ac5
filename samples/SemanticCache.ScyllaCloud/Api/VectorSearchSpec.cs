using System.Text.Json.Serialization;

namespace SemanticCache.ScyllaCloud;

/// <summary>The <c>vectorSearch</c> object of the create body: node count (1–27) and the instance type id from <c>?target=VECTOR_SEARCH</c>.</summary>
internal sealed class VectorSearchSpec
{
    [JsonPropertyName("nodeCount")]
    public int NodeCount { get; set; }

    [JsonPropertyName("defaultInstanceTypeId")]
    public long DefaultInstanceTypeId { get; set; }
}
