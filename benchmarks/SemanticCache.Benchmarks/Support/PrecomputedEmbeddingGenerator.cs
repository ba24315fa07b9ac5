using Microsoft.Extensions.AI;

namespace SemanticCache.Benchmarks.Support;

/// <summary>Returns one precomputed vector for every input, so that a benchmark measures the cache, not a model.</summary>
public sealed class PrecomputedEmbeddingGenerator(float[] vector) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Embedding<float> _embedding = new(vector);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => _embedding)));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
