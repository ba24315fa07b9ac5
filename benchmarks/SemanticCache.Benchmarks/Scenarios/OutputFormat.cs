namespace SemanticCache.Benchmarks;

/// <summary>The file a run writes besides its console tables (<c>--output</c>).</summary>
public enum OutputFormat
{
    None,
    Json,
    Csv,
}
