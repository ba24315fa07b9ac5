namespace SemanticCache.Benchmarks;

/// <summary>One prompt of the prompts file.</summary>
/// <param name="Text">The prompt.</param>
/// <param name="Category">The category it was listed under.</param>
/// <param name="Line">The 1-based line of the file it came from.</param>
/// <param name="BasePrompt">For a similar variant, the base prompt it paraphrases; otherwise <see langword="null"/>.</param>
public sealed record BenchmarkPrompt(string Text, string Category, int Line, BenchmarkPrompt? BasePrompt = null)
{
    /// <summary>Gets a value indicating whether this prompt is a similar variant of a base prompt.</summary>
    public bool IsVariant => BasePrompt is not null;
}
