using BenchmarkDotNet.Running;

namespace SemanticCache.Benchmarks;

/// <summary>Runs the benchmark suites: <c>dotnet run -c Release --project benchmarks/SemanticCache.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
