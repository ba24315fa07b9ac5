using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using SemanticCache.Onnx;

namespace SemanticCache.Benchmarks.Onnx;

/// <summary>Embeddings per second when one caller embeds 1, 8 or 32 texts per call (one inference run per call).</summary>
[Config(typeof(OnnxBenchmarkConfig))]
public class OnnxBatchThroughputBenchmarks : IDisposable
{
    private OnnxEmbeddingGenerator _generator = null!;
    private string[] _batch1 = null!;
    private string[] _batch8 = null!;
    private string[] _batch32 = null!;

    [Params(OnnxBenchmarkModels.QqpStatic, OnnxBenchmarkModels.StandIn, SyntheticComputeModel.Name)]
    public string Model { get; set; } = OnnxBenchmarkModels.QqpStatic;

    [GlobalSetup]
    public void Setup()
    {
        string folder = OnnxBenchmarkModels.Require(Model);
        string[] texts = OnnxBenchmarkModels.SampleTexts(32);
        _batch1 = texts[..1];
        _batch8 = texts[..8];
        _batch32 = texts[..32];
        _generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions
        {
            ModelDirectory = folder,
            AllowDownload = false,
            EnableMicroBatching = false,
            MaxBatchSize = 32,
        });
        _generator.InitializeAsync().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = 1)]
    public Task<GeneratedEmbeddings<Embedding<float>>> Batch1() => _generator.GenerateAsync(_batch1);

    [Benchmark(OperationsPerInvoke = 8)]
    public Task<GeneratedEmbeddings<Embedding<float>>> Batch8() => _generator.GenerateAsync(_batch8);

    [Benchmark(OperationsPerInvoke = 32)]
    public Task<GeneratedEmbeddings<Embedding<float>>> Batch32() => _generator.GenerateAsync(_batch32);

    [GlobalCleanup]
    public void Dispose()
    {
        _generator?.Dispose();
        GC.SuppressFinalize(this);
    }
}
