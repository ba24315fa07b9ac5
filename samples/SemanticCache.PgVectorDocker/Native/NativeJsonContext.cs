using System.Text.Json.Serialization;

namespace SemanticCache.PgVectorDocker;

/// <summary>Source-generated JSON metadata for the native engine's instance file.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(NativeInstance))]
internal sealed partial class NativeJsonContext : JsonSerializerContext
{
}
