using System.Numerics.Tensors;

namespace SemanticCache.Scylla;

/// <summary>
/// The similarity the store reports for a candidate, computed on the client from the returned vector (ScyllaDB 2025.4
/// has no similarity functions). Higher is more similar for every function.
/// </summary>
internal static class VectorSimilarity
{
    /// <summary>Prepares the query vector: normalised for cosine, unchanged otherwise.</summary>
    /// <param name="function">The function.</param>
    /// <param name="query">The query vector.</param>
    /// <returns>The vector to pass to <see cref="Compute"/>.</returns>
    public static float[] PrepareQuery(ScyllaSimilarityFunction function, ReadOnlySpan<float> query) =>
        function == ScyllaSimilarityFunction.Cosine ? Normalize(query) : query.ToArray();

    /// <summary>Computes the similarity of a stored vector to a prepared query vector.</summary>
    /// <param name="function">The function.</param>
    /// <param name="preparedQuery">The result of <see cref="PrepareQuery"/>.</param>
    /// <param name="stored">The stored vector.</param>
    /// <returns>
    /// Cosine: the dot product of both normalised vectors (0 when either is the zero vector); dot product: the dot product;
    /// Euclidean: <c>1 / (1 + squared distance)</c>.
    /// </returns>
    public static double Compute(ScyllaSimilarityFunction function, ReadOnlySpan<float> preparedQuery, ReadOnlySpan<float> stored)
    {
        if (preparedQuery.Length != stored.Length)
        {
            throw new ArgumentException($"The stored vector has {stored.Length} dimensions; the query has {preparedQuery.Length}.", nameof(stored));
        }

        switch (function)
        {
            case ScyllaSimilarityFunction.Cosine:
                return TensorPrimitives.Dot(preparedQuery, Normalize(stored));
            case ScyllaSimilarityFunction.DotProduct:
                return TensorPrimitives.Dot(preparedQuery, stored);
            case ScyllaSimilarityFunction.Euclidean:
                double distance = TensorPrimitives.Distance(preparedQuery, stored);
                return 1.0 / (1.0 + (distance * distance));
            default:
                throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown similarity function.");
        }
    }

    private static float[] Normalize(ReadOnlySpan<float> vector)
    {
        var normalized = new float[vector.Length];
        float norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(vector, norm, normalized);
        }

        return normalized;
    }
}
