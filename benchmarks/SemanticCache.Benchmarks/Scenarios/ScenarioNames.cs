namespace SemanticCache.Benchmarks;

/// <summary>The names of the scenarios, as printed and exported.</summary>
public static class ScenarioNames
{
    public const string CacheHits = "cache hits";
    public const string SemanticSimilarity = "semantic similarity";
    public const string MissEndToEnd = "miss (end to end)";
    public const string MissLookup = "miss: lookup before LLM";
    public const string MissWrite = "miss: write after LLM";
    public const string ConcurrentReads = "concurrent reads";
    public const string ConcurrentWrites = "concurrent writes";
    public const string Mixed = "mixed 80% read / 20% write";

    public static IReadOnlyList<string> Concurrent { get; } = [ConcurrentReads, ConcurrentWrites, Mixed];
}
