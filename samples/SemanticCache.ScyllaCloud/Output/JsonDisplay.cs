using System.Text.Json;

namespace SemanticCache.ScyllaCloud;

/// <summary>Turns the API's loosely typed JSON values into display text for tables.</summary>
internal static class JsonDisplay
{
    /// <summary>Turns a loosely typed API value (string, number, or an object with a name) into display text.</summary>
    public static string? Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Object => FirstString(element, "externalId", "name", "version", "fullName", "id"),
        JsonValueKind.Array => string.Join(", ", element.EnumerateArray().Select(Describe)),
        _ => null,
    };

    public static string? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Describe(property.Value);
            }
        }

        return null;
    }

    private static string? FirstString(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (Property(element, name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }
}
