namespace SemanticCache.Benchmarks;

/// <summary>The outcome of a scenario benchmark run: the settings that matter for reading it, and every backend's results.</summary>
public sealed record ScenarioReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required string EmbeddingModel { get; init; }

    public required int Dimensions { get; init; }

    public required double SimilarityThreshold { get; init; }

    public required double LlmLatencyMilliseconds { get; init; }

    public required string PromptsFile { get; init; }

    public required int UniquePrompts { get; init; }

    public required int VariantPrompts { get; init; }

    public required string Machine { get; init; }

    public required IReadOnlyList<BackendReport> Backends { get; init; }
}
