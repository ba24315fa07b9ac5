using System.Globalization;

namespace SemanticCache.Agent;

/// <summary>Parses option values the same way whether they come from the command line or from an environment variable.</summary>
internal static class AgentValueParser
{
    public static CacheBackend Backend(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" => CacheBackend.None,
        "memory" => CacheBackend.Memory,
        "pgvector" => CacheBackend.PgVector,
        "scylla" => CacheBackend.Scylla,
        _ => throw new FormatException($"'{value}' is not a cache; use none, memory, pgvector or scylla."),
    };

    public static ChatProvider Provider(string value) => value.Trim().ToLowerInvariant() switch
    {
        "anthropic" => ChatProvider.Anthropic,
        "openai" => ChatProvider.OpenAI,
        _ => throw new FormatException($"'{value}' is not a provider; use anthropic or openai."),
    };

    public static string SimilarityFunction(string value)
    {
        var function = value.Trim().ToLowerInvariant();
        return function is "cosine" or "l2" or "inner_product" or "l1" or "dot_product" or "euclidean"
            ? function
            : throw new FormatException($"'{value}' is not a similarity function; use cosine, l2, inner_product, l1, dot_product or euclidean.");
    }

    public static bool Boolean(string value) => value.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => throw new FormatException($"'{value}' is not a boolean; use true or false."),
    };

    public static int Integer(string value) =>
        int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new FormatException($"'{value}' is not a whole number.");

    public static double Number(string value) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new FormatException($"'{value}' is not a number.");

    public static Uri AbsoluteUri(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FormatException($"'{value}' is not an absolute http or https address.");

    /// <summary>Parses a lifetime: seconds (<c>3600</c>), a number with a unit (<c>90s</c>, <c>30m</c>, <c>6h</c>, <c>1d</c>) or <c>0</c> for none.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The lifetime, or <see langword="null"/> for no expiry.</returns>
    public static TimeSpan? TimeToLive(string value)
    {
        var number = value.Trim().ToLowerInvariant();
        var unit = 's';
        if (number.Length > 0 && char.IsLetter(number[^1]))
        {
            unit = number[^1];
            number = number[..^1];
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0 || double.IsInfinity(amount))
        {
            throw new FormatException($"'{value}' is not a lifetime; use seconds or a number with s, m, h or d (0 for no expiry).");
        }

        var lifetime = unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => throw new FormatException($"'{value}' has an unknown unit '{unit}'; use s, m, h or d."),
        };
        return lifetime == TimeSpan.Zero ? null : lifetime;
    }

    public static IReadOnlyList<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
