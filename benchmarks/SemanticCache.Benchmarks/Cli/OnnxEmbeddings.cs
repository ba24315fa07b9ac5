using Microsoft.Extensions.AI;

namespace SemanticCache.Benchmarks;

/// <summary>The one place that wires the ONNX embedding generator into the benchmark.</summary>
public static class OnnxEmbeddings
{
    public static Task<IEmbeddingGenerator<string, Embedding<float>>> CreateAsync(EmbeddingModel model, CancellationToken cancellationToken) =>
        throw new BenchmarkSetupException($"This build has no ONNX embedding generator yet (SemanticCache.Onnx is empty), so the model {model} cannot be loaded.");
}
