namespace SemanticCache.Benchmarks;

/// <summary>The prompts of a prompts file: the ones sent as misses, and the variants asked against their bases.</summary>
public sealed class PromptSet
{
    public PromptSet(IReadOnlyList<BenchmarkPrompt> prompts, string source)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        Prompts = prompts;
        Source = source;
        Unique = prompts.Where(p => !p.IsVariant).ToArray();
        Variants = prompts.Where(p => p.IsVariant).ToArray();
    }

    /// <summary>Gets every prompt in file order.</summary>
    public IReadOnlyList<BenchmarkPrompt> Prompts { get; }

    /// <summary>Gets the prompts that are not variants (base prompts and every other category), in file order.</summary>
    public IReadOnlyList<BenchmarkPrompt> Unique { get; }

    /// <summary>Gets the similar variants, each with its base prompt.</summary>
    public IReadOnlyList<BenchmarkPrompt> Variants { get; }

    /// <summary>Gets where the prompts came from (a path).</summary>
    public string Source { get; }

    /// <summary>Gets the categories in file order with their prompt counts.</summary>
    public IReadOnlyList<(string Category, int Count)> Categories =>
        Prompts.GroupBy(p => p.Category).Select(g => (g.Key, g.Count())).ToArray();
}
