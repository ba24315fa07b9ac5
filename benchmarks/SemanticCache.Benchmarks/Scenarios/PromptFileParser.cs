namespace SemanticCache.Benchmarks;

/// <summary>
/// Reads a prompts file: one prompt a line; <c>#</c> comments and blank lines ignored; <c>[category]</c> starts a
/// category; <c>~ text</c> is a similar variant of the nearest base prompt above it; a leading backslash escapes a
/// prompt that really starts with <c>#</c>, <c>[</c>, <c>~</c> or <c>\</c>.
/// </summary>
public static class PromptFileParser
{
    public const string DefaultCategory = "uncategorised";

    public static PromptSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new BenchmarkSetupException($"The prompts file '{path}' does not exist.");
        }

        return new PromptSet(Parse(File.ReadLines(path), path), Path.GetFullPath(path));
    }

    public static IReadOnlyList<BenchmarkPrompt> Parse(IEnumerable<string> lines, string source = "prompts")
    {
        ArgumentNullException.ThrowIfNull(lines);
        var prompts = new List<BenchmarkPrompt>();
        var category = DefaultCategory;
        BenchmarkPrompt? currentBase = null;
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']' || line.Length < 3)
                {
                    throw new BenchmarkSetupException($"{source}:{number}: a category line must look like '[name]'; escape a prompt starting with '[' as '\\['.");
                }

                category = line[1..^1].Trim();
                currentBase = null; // variants never reach across categories
                continue;
            }

            if (line[0] == '~')
            {
                var text = Unescape(line[1..].Trim());
                if (currentBase is null)
                {
                    throw new BenchmarkSetupException($"{source}:{number}: the variant '{text}' has no base prompt above it in its category.");
                }

                if (text.Length == 0)
                {
                    throw new BenchmarkSetupException($"{source}:{number}: an empty variant.");
                }

                prompts.Add(new BenchmarkPrompt(text, category, number, currentBase));
                continue;
            }

            currentBase = new BenchmarkPrompt(Unescape(line), category, number);
            prompts.Add(currentBase);
        }

        return prompts;
    }

    private static string Unescape(string text) =>
        text.Length > 1 && text[0] == '\\' && text[1] is '#' or '[' or '~' or '\\' ? text[1..] : text;
}
