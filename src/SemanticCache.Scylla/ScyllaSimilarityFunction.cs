namespace SemanticCache.Scylla;

/// <summary>The similarity function of the vector index, and of the similarity the store reports.</summary>
public enum ScyllaSimilarityFunction
{
    /// <summary>Cosine similarity: both vectors are normalised, then their dot product is taken; in [-1, 1].</summary>
    Cosine,

    /// <summary>The dot product of the stored and query vectors (meant for unit-length vectors).</summary>
    DotProduct,

    /// <summary>
    /// Euclidean distance, reported as the similarity <c>1 / (1 + d²)</c> (the same value as CQL's
    /// <c>similarity_euclidean</c>): 1 for identical vectors, falling towards 0 as they move apart.
    /// </summary>
    Euclidean,
}
