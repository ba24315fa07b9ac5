using Microsoft.Extensions.AI;

namespace SemanticCache.Scylla.Tests;

/// <summary>A hand-written embedding generator double that only reports its metadata (dimension).</summary>
internal sealed class DimensionsOnlyEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata;

    public DimensionsOnlyEmbeddingGenerator(int dimensions)
    {
        _metadata = new EmbeddingGeneratorMetadata("test", defaultModelDimensions: dimensions);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This double only reports its metadata.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

    public void Dispose()
    {
    }
}
