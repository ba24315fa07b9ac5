using Microsoft.Extensions.AI;
using SemanticCache.Onnx;

namespace SemanticCache.Benchmarks;

/// <summary>The one place that wires the ONNX embedding generator into the benchmark's commands.</summary>
public static class OnnxEmbeddings
{
    /// <summary>Loads the model folder with ONNX Runtime (never downloading) and returns the ready generator.</summary>
    public static async Task<IEmbeddingGenerator<string, Embedding<float>>> CreateAsync(EmbeddingModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { ModelDirectory = model.Directory, AllowDownload = false });
        try
        {
            await generator.InitializeAsync(cancellationToken);
            return generator;
        }
        catch (OnnxModelException exception)
        {
            generator.Dispose();
            throw new BenchmarkSetupException($"The embedding model {model} could not be loaded: {exception.Message}", exception);
        }
    }
}
