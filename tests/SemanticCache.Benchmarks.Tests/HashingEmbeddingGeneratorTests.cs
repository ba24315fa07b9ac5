using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks.Tests;

public sealed class HashingEmbeddingGeneratorTests
{
    [Fact]
    public void Embed_UsesFnv1a_SoBucketsAreTheSameInEveryProcess()
    {
        // FNV-1a-32("a") = 0xE40C292C, the published test vector; string.GetHashCode would differ per process.
        const uint Fnv1aOfA = 0xE40C292C;

        var vector = HashingEmbeddingGenerator.Embed("a");

        Assert.Equal(1f, vector[(int)(Fnv1aOfA % HashingEmbeddingGenerator.Dimensions)]);
    }

    [Fact]
    public void Embed_IsUnitLengthAndCaseInsensitive()
    {
        var upper = HashingEmbeddingGenerator.Embed("How do I cook RICE");
        var lower = HashingEmbeddingGenerator.Embed("how do i cook rice");

        Assert.Equal(lower, upper);
        Assert.Equal(1.0, Math.Sqrt(lower.Sum(v => (double)v * v)), 5);
    }
}
