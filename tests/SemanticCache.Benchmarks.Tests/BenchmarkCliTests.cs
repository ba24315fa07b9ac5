using Microsoft.Extensions.AI;
using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks.Tests;

/// <summary>The command line end to end, with the hashing embedding generator standing in for a model.</summary>
public sealed class BenchmarkCliTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly TestConsole _console = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly string _model;
    private readonly string _prompts;

    public BenchmarkCliTests()
    {
        _model = Path.Combine(_directory.Path, "model");
        Directory.CreateDirectory(_model);
        File.WriteAllText(Path.Combine(_model, "model.onnx"), "stands in for a model; the hashing generator is used");
        _prompts = _directory.File("prompts.txt", TestPrompts.Text);
    }

    public void Dispose()
    {
        _console.Dispose();
        _output.Dispose();
        _error.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task RunAsync_ScenarioWithJsonAndPlots_PrintsTheTableAndWritesFiles()
    {
        var results = Path.Combine(_directory.Path, "results");
        var plots = Path.Combine(_directory.Path, "plots");

        var code = await RunAsync(
            "--embedding-model", _model, "--prompts-file", _prompts, "--backends", "memory", "--hit-iterations", "3", "--warmup", "1",
            "--concurrency-test", "--concurrency-levels", "1,2", "--concurrent-operations", "4", "--output", "json", "--output-directory", results, "--plots", plots);

        Assert.Equal(BenchmarkCli.Success, code);
        var output = _console.Output;
        Assert.Contains("Embedding model: model", output, StringComparison.Ordinal);
        Assert.Contains("simulated model after --llm-latency 0 ms", output, StringComparison.Ordinal);
        Assert.Contains("Scenarios side by side", output, StringComparison.Ordinal);
        Assert.Contains("concurrent writes ×2", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(results, ScenarioResultWriter.JsonFileName)));
        Assert.Equal(3, Directory.GetFiles(plots, "*.png").Length);
    }

    [Fact]
    public async Task RunAsync_CsvOutput_WritesCsv()
    {
        var code = await RunAsync("--embedding-model", _model, "--prompts-file", _prompts, "--backends", "memory", "--hit-iterations", "2", "--output", "CSV", "--output-directory", _directory.Path);

        Assert.Equal(BenchmarkCli.Success, code);
        var csv = await File.ReadAllLinesAsync(Path.Combine(_directory.Path, ScenarioResultWriter.CsvFileName), TestContext.Current.CancellationToken);
        Assert.Equal(1 + 5, csv.Length);
    }

    [Fact]
    public async Task RunAsync_NoModelAnywhere_PrintsOneMessageWithoutStackTrace()
    {
        var empty = Path.Combine(_directory.Path, "empty");
        Directory.CreateDirectory(empty);

        var code = await RunAsync("--embedding-model", empty);

        Assert.Equal(BenchmarkCli.SetupFailed, code);
        Assert.Contains("has no model.onnx", _console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threshold", "1.5", "--threshold must be greater than 0")]
    [InlineData("--concurrency-levels", "1,x", "'x' is not a positive whole number")]
    [InlineData("--backends", "redis", "Unknown backend 'redis'")]
    [InlineData("--prompts-file", "/no/such/file.txt", "does not exist")]
    [InlineData("--output", "xml", "--output must be json, csv or none")]
    public async Task RunAsync_BadSetting_PrintsTheProblem(string option, string value, string message)
    {
        var code = await RunAsync("--embedding-model", _model, option, value);

        Assert.Equal(BenchmarkCli.SetupFailed, code);
        Assert.Contains(message, _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_IsAParseError()
    {
        var code = await RunAsync("--no-such-option");

        Assert.NotEqual(BenchmarkCli.Success, code);
        Assert.Contains("--no-such-option", _error.ToString() + _output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ListsTheCommands()
    {
        var code = await RunAsync("--help");

        Assert.Equal(BenchmarkCli.Success, code);
        Assert.Contains("quality", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--concurrency-test", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Quality_PrintsCalibrationAndWritesThePlot()
    {
        var pairs = _directory.File("pairs.jsonl", string.Join('\n', new[]
        {
            """{"id": 0, "question1": "How do I cook rice in a pot", "question2": "How do I cook rice in a pot quickly", "is_duplicate": 1}""",
            """{"id": 1, "question1": "What is the capital of France", "question2": "What is the capital of Spain", "is_duplicate": 0}""",
            """{"id": 2, "question1": "How many legs does a spider have", "question2": "How many legs do 3 spiders have", "is_duplicate": 0}""",
            """{"id": 3, "question1": "ignored by the limit", "question2": "ignored", "is_duplicate": 0}""",
        }));
        var plots = Path.Combine(_directory.Path, "quality-plots");

        var code = await RunAsync("quality", "--pairs", pairs, "--model", _model, "--limit", "3", "--plots", plots);

        Assert.Equal(BenchmarkCli.Success, code);
        var output = _console.Output;
        Assert.Contains("the first 3 of 4 in", output, StringComparison.Ordinal);
        Assert.Contains("3 queries", output, StringComparison.Ordinal);
        Assert.Contains("P-CHR AUC", output, StringComparison.Ordinal);
        Assert.Contains("Few pairs", output, StringComparison.Ordinal);
        Assert.Contains("Precision at equal hit ratio", output, StringComparison.Ordinal);
        Png.AssertImage(Path.Combine(plots, QualityPlots.FileName));
    }

    [Fact]
    public async Task RunAsync_QualityWithMissingPairs_PrintsTheProblem()
    {
        var code = await RunAsync("quality", "--pairs", "/no/such/pairs.jsonl", "--model", _model);

        Assert.Equal(BenchmarkCli.SetupFailed, code);
        Assert.Contains("does not exist", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ScenarioWithTheRealOnnxModel_UsesIt()
    {
        var model = TestEnvironment.Model("minilm-shaped-standin");
        var cli = new BenchmarkCli(_console.Console, environment: _ => null);

        var code = await cli.RunAsync(
            ["--embedding-model", model, "--prompts-file", _prompts, "--hit-iterations", "2", "--warmup", "1", "--backends", "memory"],
            _output,
            _error,
            TestContext.Current.CancellationToken);

        Assert.Equal(BenchmarkCli.Success, code);
        Assert.Contains("Embedding model: minilm-shaped-standin", _console.Output, StringComparison.Ordinal);
        Assert.Contains("Scenarios side by side", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_QualityWithTheSharedPairsAndModel_FindsThemByDefault()
    {
        TestEnvironment.Model(EmbeddingModelResolver.DefaultModelName);
        _ = TestEnvironment.PairsFile;
        var cli = new BenchmarkCli(_console.Console, environment: _ => null);

        var code = await cli.RunAsync(["quality", "--limit", "40", "--no-verifier"], _output, _error, TestContext.Current.CancellationToken);

        Assert.Equal(BenchmarkCli.Success, code);
        Assert.Contains("Embedding model: qqp-static-384", _console.Output, StringComparison.Ordinal);
        Assert.Contains("40 queries", _console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("equal hit ratio", _console.Output, StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] args)
    {
        var cli = new BenchmarkCli(_console.Console, HashingFactory, _ => null);
        return cli.RunAsync(args, _output, _error, TestContext.Current.CancellationToken);
    }

    private static Task<IEmbeddingGenerator<string, Embedding<float>>> HashingFactory(EmbeddingModel model, CancellationToken cancellationToken) =>
        Task.FromResult<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());
}
