using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>Reads the description of a cache hit from a response or a streamed update.</summary>
public static class SemanticCacheChatResponseExtensions
{
    /// <summary>Gets how the semantic cache served this response, or <see langword="null"/> when the model answered.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The hit, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static SemanticCacheHit? GetSemanticCacheHit(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Read(response.AdditionalProperties);
    }

    /// <summary>Gets how the semantic cache served the stream this update belongs to (set on the last update of a replay).</summary>
    /// <param name="update">The update.</param>
    /// <returns>The hit, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is <see langword="null"/>.</exception>
    public static SemanticCacheHit? GetSemanticCacheHit(this ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Read(update.AdditionalProperties);
    }

    private static SemanticCacheHit? Read(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || !properties.TryGetValue(SemanticCacheResponseKeys.Hit, out var hit) || hit is not true)
        {
            return null;
        }

        var kind = Enum.TryParse<SemanticCacheHitKind>(properties.GetValueOrDefault(SemanticCacheResponseKeys.HitKind) as string, ignoreCase: true, out var k)
            ? k : SemanticCacheHitKind.Exact;
        var tier = (properties.GetValueOrDefault(SemanticCacheResponseKeys.Tier) as string) switch
        {
            "l1" => SemanticCacheTier.L1,
            "flight" => SemanticCacheTier.Flight,
            _ => SemanticCacheTier.Store,
        };
        var similarity = properties.GetValueOrDefault(SemanticCacheResponseKeys.Similarity) switch
        {
            double d => d,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => double.NaN,
        };
        var age = properties.GetValueOrDefault(SemanticCacheResponseKeys.EntryAge) is TimeSpan t ? t : TimeSpan.Zero;
        return new SemanticCacheHit(
            kind,
            tier,
            similarity,
            properties.GetValueOrDefault(SemanticCacheResponseKeys.EntryKey) as string ?? string.Empty,
            age,
            properties.GetValueOrDefault(SemanticCacheResponseKeys.OriginalUsage) as UsageDetails);
    }
}
