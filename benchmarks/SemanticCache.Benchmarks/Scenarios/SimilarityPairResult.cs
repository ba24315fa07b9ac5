namespace SemanticCache.Benchmarks;

/// <summary>A similar variant asked after its base prompt was cached.</summary>
/// <param name="Category">The category of the pair.</param>
/// <param name="BasePrompt">The cached base prompt.</param>
/// <param name="Variant">The variant that was asked.</param>
/// <param name="Similarity">The cosine similarity of the two prompts' embeddings.</param>
/// <param name="Hit">Whether the cache served the variant.</param>
/// <param name="ServedFromBase">Whether the served answer was the base prompt's (a correct hit).</param>
/// <param name="ServedSimilarity">The similarity the cache reported for the entry it served, when it served one.</param>
public sealed record SimilarityPairResult(
    string Category, string BasePrompt, string Variant, double Similarity, bool Hit, bool ServedFromBase, double? ServedSimilarity);
