using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace SemanticCache.Benchmarks.Onnx;

/// <summary>Adds operations per second; each operation is one embedding, so Op/s reads as embeddings per second.</summary>
public sealed class OnnxBenchmarkConfig : ManualConfig
{
    public OnnxBenchmarkConfig()
    {
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
