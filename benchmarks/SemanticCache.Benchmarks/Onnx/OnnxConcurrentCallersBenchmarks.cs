using BenchmarkDotNet.Attributes;
using SemanticCache.Onnx;

namespace SemanticCache.Benchmarks.Onnx;

/// <summary>
/// Embeddings per second for single-text callers (the semantic cache's pattern: one prompt per call): one caller in a loop
/// against 25 concurrent callers, with and without micro-batching. Every invocation embeds 100 texts either way. Each call
/// starts from a fresh thread-pool work item (<c>Task.Yield</c>), as a request in a server would after its own I/O, so the
/// 25 callers really interleave instead of a few of them looping synchronously.
/// </summary>
[Config(typeof(OnnxBenchmarkConfig))]
public class OnnxConcurrentCallersBenchmarks : IDisposable
{
    private const int TextsPerInvocation = 100;
    private const int ConcurrentCallers = 25;

    private OnnxEmbeddingGenerator _generator = null!;
    private string[] _texts = null!;

    [Params(OnnxBenchmarkModels.QqpStatic, OnnxBenchmarkModels.StandIn, SyntheticComputeModel.Name)]
    public string Model { get; set; } = OnnxBenchmarkModels.QqpStatic;

    [Params(true, false)]
    public bool MicroBatching { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string folder = OnnxBenchmarkModels.Require(Model);
        _texts = OnnxBenchmarkModels.SampleTexts(TextsPerInvocation);
        _generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions
        {
            ModelDirectory = folder,
            AllowDownload = false,
            EnableMicroBatching = MicroBatching,
            MaxBatchSize = 32,
        });
        _generator.InitializeAsync().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = TextsPerInvocation)]
    public async Task OneCaller()
    {
        foreach (string text in _texts)
        {
            await Task.Yield();
            await _generator.GenerateAsync([text]);
        }
    }

    [Benchmark(OperationsPerInvoke = TextsPerInvocation)]
    public Task TwentyFiveCallers() =>
        Task.WhenAll(Enumerable.Range(0, ConcurrentCallers).Select(caller => Task.Run(async () =>
        {
            for (int i = caller; i < _texts.Length; i += ConcurrentCallers)
            {
                await Task.Yield();
                await _generator.GenerateAsync([_texts[i]]);
            }
        })));

    [GlobalCleanup]
    public void Dispose()
    {
        _generator?.Dispose();
        GC.SuppressFinalize(this);
    }
}
