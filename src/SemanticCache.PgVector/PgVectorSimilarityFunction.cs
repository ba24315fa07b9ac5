namespace SemanticCache.PgVector;

/// <summary>
/// The pgvector distance a <see cref="PgVectorSemanticCacheStore"/> indexes and searches with, and how the distance
/// becomes the similarity reported to the cache (always higher is more similar; a hit is similarity ≥ threshold).
/// </summary>
public enum PgVectorSimilarityFunction
{
    /// <summary>
    /// Cosine distance <c>d = a &lt;=&gt; b</c> (operator class <c>vector_cosine_ops</c>); similarity is
    /// <c>1 - d</c>, the cosine similarity, in [-1, 1]. Zero vectors are not indexed.
    /// </summary>
    Cosine,

    /// <summary>
    /// Euclidean distance <c>d = a &lt;-&gt; b</c> (<c>vector_l2_ops</c>); similarity is <c>1 - d² / 2</c>,
    /// which equals the cosine similarity when both vectors have unit length, so thresholds keep their meaning.
    /// </summary>
    L2,

    /// <summary>
    /// Negative inner product <c>d = a &lt;#&gt; b</c> (<c>vector_ip_ops</c>); similarity is <c>-d</c>, the inner
    /// product, which equals the cosine similarity when both vectors have unit length (and ranks the same, faster).
    /// </summary>
    InnerProduct,

    /// <summary>
    /// Manhattan (taxicab) distance <c>d = a &lt;+&gt; b</c> (<c>vector_l1_ops</c>); similarity is <c>1 / (1 + d)</c>,
    /// in (0, 1].
    /// </summary>
    L1,
}
