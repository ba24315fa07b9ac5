using System.Text.Json;

namespace SemanticCache.Benchmarks;

/// <summary>
/// Reads a JSONL file of labelled pairs, one object per line:
/// <c>{"id": 0, "question1": "...", "question2": "...", "is_duplicate": 0|1}</c> (the format of
/// <c>shared/data/qqp-gptcache/pairs.jsonl</c>). Blank lines are ignored.
/// </summary>
public static class PairsFileReader
{
    public static IReadOnlyList<QualityPair> Read(string path, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new BenchmarkSetupException($"The pairs file '{path}' does not exist.");
        }

        return Parse(File.ReadLines(path), limit, path);
    }

    public static IReadOnlyList<QualityPair> Parse(IEnumerable<string> lines, int? limit = null, string source = "pairs")
    {
        ArgumentNullException.ThrowIfNull(lines);
        var pairs = new List<QualityPair>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (limit is { } max && pairs.Count >= max)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            pairs.Add(ParseLine(line, number, source));
        }

        return pairs;
    }

    private static QualityPair ParseLine(string line, int number, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var first = Text(root, "question1");
            var second = Text(root, "question2");
            var duplicate = root.TryGetProperty("is_duplicate", out var label) ? label.ValueKind switch
            {
                JsonValueKind.Number => label.GetInt32() switch
                {
                    0 => false,
                    1 => true,
                    _ => throw new FormatException("is_duplicate must be 0 or 1"),
                },
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new FormatException("is_duplicate must be 0 or 1"),
            }
            : throw new FormatException("missing is_duplicate");
            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number ? idElement.GetInt64() : number - 1;
            return new QualityPair(id, first, second, duplicate);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            throw new BenchmarkSetupException(
                $"{source}:{number}: not a pair ({exception.Message}). Each line must be {{\"id\": 0, \"question1\": \"...\", \"question2\": \"...\", \"is_duplicate\": 0 or 1}}.");
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"missing {name}");
}
