namespace SemanticCache.Benchmarks;

/// <summary>How the scenario benchmark runs (the command-line options, parsed).</summary>
public sealed record ScenarioSettings
{
    public required PromptSet Prompts { get; init; }

    /// <summary>Gets the similarity threshold of the cache under test.</summary>
    public double SimilarityThreshold { get; init; } = new SemanticCacheOptions().SimilarityThreshold;

    /// <summary>Gets the simulated model's latency for every miss (0 measures the cache's own costs only).</summary>
    public TimeSpan LlmLatency { get; init; }

    /// <summary>Gets how often the cache-hit scenario repeats its prompt.</summary>
    public int HitIterations { get; init; } = 100;

    /// <summary>Gets the warm-up requests per backend before anything is measured.</summary>
    public int WarmupOperations { get; init; } = 10;

    public bool ConcurrencyTest { get; init; }

    public IReadOnlyList<int> ConcurrencyLevels { get; init; } = [1, 5, 10, 25];

    /// <summary>Gets the operations of each concurrent scenario at each level.</summary>
    public int ConcurrentOperations { get; init; } = 100;
}
