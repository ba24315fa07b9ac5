using SemanticCache.ConformanceTests;

namespace SemanticCache.Scylla.Tests;

public sealed class VectorSimilarityTests
{
    [Fact]
    public void Compute_Cosine_IsTheCosineOfUnnormalisedVectors()
    {
        float[] a = [3f, 4f, 0f];
        float[] b = [4f, 3f, 0f];

        double similarity = VectorSimilarity.Compute(ScyllaSimilarityFunction.Cosine, VectorSimilarity.PrepareQuery(ScyllaSimilarityFunction.Cosine, a), b);

        Assert.Equal(24.0 / 25.0, similarity, 1e-6);
    }

    [Fact]
    public void Compute_Cosine_MatchesTheReferenceOnRandomVectors()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var a = TestVectors.Random(seed, 64);
            var b = TestVectors.Near(a, 0.5, seed + 100);

            double similarity = VectorSimilarity.Compute(ScyllaSimilarityFunction.Cosine, VectorSimilarity.PrepareQuery(ScyllaSimilarityFunction.Cosine, a), b);

            Assert.Equal(TestVectors.Cosine(a, b), similarity, 1e-5);
        }
    }

    [Fact]
    public void Compute_CosineWithAZeroVector_IsZero()
    {
        double similarity = VectorSimilarity.Compute(ScyllaSimilarityFunction.Cosine, VectorSimilarity.PrepareQuery(ScyllaSimilarityFunction.Cosine, [0f, 0f]), [1f, 0f]);

        Assert.Equal(0, similarity);
    }

    [Fact]
    public void Compute_DotProduct_IsThePlainDotProduct()
    {
        Assert.Equal(11, VectorSimilarity.Compute(ScyllaSimilarityFunction.DotProduct, [1f, 2f], [3f, 4f]), 1e-6);
    }

    [Fact]
    public void Compute_Euclidean_IsOneOverOnePlusSquaredDistance_AndFallsWithDistance()
    {
        double same = VectorSimilarity.Compute(ScyllaSimilarityFunction.Euclidean, [1f, 1f], [1f, 1f]);
        double near = VectorSimilarity.Compute(ScyllaSimilarityFunction.Euclidean, [0f, 0f], [1f, 0f]);
        double far = VectorSimilarity.Compute(ScyllaSimilarityFunction.Euclidean, [0f, 0f], [3f, 4f]);

        Assert.Equal(1, same, 1e-9);
        Assert.Equal(0.5, near, 1e-6);
        Assert.Equal(1.0 / 26.0, far, 1e-6);
    }

    [Fact]
    public void Compute_DifferentDimensions_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorSimilarity.Compute(ScyllaSimilarityFunction.DotProduct, [1f], [1f, 2f]));
    }
}
