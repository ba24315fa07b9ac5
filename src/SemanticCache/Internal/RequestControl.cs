using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>The per-request controls read from <see cref="ChatOptions.AdditionalProperties"/>.</summary>
/// <remarks>
/// Values are read leniently (a bool may arrive as "true" or as a <see cref="JsonElement"/> when options were
/// deserialized), but a value that cannot be understood is an error, never silently ignored.
/// </remarks>
internal readonly record struct RequestControl(
    bool Bypass, bool Refresh, double? Threshold, TimeSpan? TimeToLive, IReadOnlyList<string> Tags, string? Partition)
{
    public static RequestControl From(ChatOptions? options)
    {
        var properties = options?.AdditionalProperties;
        if (properties is null || properties.Count == 0)
        {
            return new RequestControl(false, false, null, null, [], null);
        }

        return new RequestControl(
            ReadBool(properties, SemanticCacheRequestKeys.Bypass),
            ReadBool(properties, SemanticCacheRequestKeys.Refresh),
            ReadThreshold(properties),
            ReadTimeToLive(properties),
            ReadTags(properties),
            ReadString(properties, SemanticCacheRequestKeys.Partition));
    }

    private static bool ReadBool(AdditionalPropertiesDictionary properties, string key) =>
        properties.TryGetValue(key, out var value) && value switch
        {
            null => false,
            bool b => b,
            string s when bool.TryParse(s, out var b) => b,
            JsonElement { ValueKind: JsonValueKind.True } => true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            _ => throw Invalid(key, value, "a boolean"),
        };

    private static double? ReadThreshold(AdditionalPropertiesDictionary properties)
    {
        if (!properties.TryGetValue(SemanticCacheRequestKeys.Threshold, out var value) || value is null)
        {
            return null;
        }

        double threshold = value switch
        {
            double d => d,
            float f => f,
            decimal m => (double)m,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            _ => throw Invalid(SemanticCacheRequestKeys.Threshold, value, "a number"),
        };
        return threshold > 0 && threshold <= 1
            ? threshold
            : throw Invalid(SemanticCacheRequestKeys.Threshold, value, "a number greater than 0 and at most 1");
    }

    private static TimeSpan? ReadTimeToLive(AdditionalPropertiesDictionary properties)
    {
        if (!properties.TryGetValue(SemanticCacheRequestKeys.TimeToLive, out var value) || value is null)
        {
            return null;
        }

        TimeSpan ttl = value switch
        {
            TimeSpan t => t,
            string s when TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) => t,
            JsonElement { ValueKind: JsonValueKind.String } e when TimeSpan.TryParse(e.GetString(), CultureInfo.InvariantCulture, out var t) => t,
            _ => throw Invalid(SemanticCacheRequestKeys.TimeToLive, value, "a TimeSpan"),
        };
        return ttl > TimeSpan.Zero ? ttl : throw Invalid(SemanticCacheRequestKeys.TimeToLive, value, "a positive TimeSpan");
    }

    private static string[] ReadTags(AdditionalPropertiesDictionary properties)
    {
        if (!properties.TryGetValue(SemanticCacheRequestKeys.Tags, out var value) || value is null)
        {
            return [];
        }

        return value switch
        {
            string s => [s],
            IEnumerable<string> tags => tags.ToArray(),
            JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToArray(),
            _ => throw Invalid(SemanticCacheRequestKeys.Tags, value, "a string array"),
        };
    }

    private static string? ReadString(AdditionalPropertiesDictionary properties, string key) =>
        properties.TryGetValue(key, out var value) ? value switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => throw Invalid(key, value, "a string"),
        } : null;

    private static ArgumentException Invalid(string key, object value, string expected) =>
        new($"ChatOptions.AdditionalProperties[\"{key}\"] must be {expected}; it is {value.GetType().Name} '{value}'.");
}
