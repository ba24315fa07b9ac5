using Microsoft.ML.OnnxRuntime;

namespace SemanticCache.Onnx.Tests;

public sealed class OnnxEmbeddingModelTests
{
    [Fact]
    public void Load_StandIn_ReadsDimensionFromTheModel()
    {
        using OnnxEmbeddingModel model = Load(TestModels.Require(TestModels.StandIn));

        Assert.Equal(384, model.Dimension);
    }

    [Fact]
    public void Load_Calibration_EstimatesAFixedRunCostWithinBounds()
    {
        using OnnxEmbeddingModel model = Load(TestModels.Require(TestModels.StandIn));

        Assert.InRange(model.FixedCostInTokens, 1, 512);
    }

    [Fact]
    public void Load_ClockThatDoesNotMove_AssumesRunsAreExpensiveToStart()
    {
        string folder = TestModels.Require(TestModels.StandIn);

        using OnnxEmbeddingModel model = OnnxEmbeddingModel.Load(
            Path.Combine(folder, "model.onnx"),
            BertTextTokenizer.Load(Path.Combine(folder, "vocab.txt"), lowerCase: true, maxSequenceLength: 256),
            intraOpThreads: 1,
            GraphOptimizationLevel.ORT_ENABLE_ALL,
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider());

        Assert.Equal(512, model.FixedCostInTokens);
    }

    [Fact]
    public void Load_SymbolicVectorDimension_IsResolvedByTheProbeRun()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("tiny.onnx");
        File.WriteAllBytes(path, TinyOnnxModels.TokenIdAsVector());

        using OnnxEmbeddingModel model = Load(TestModels.Require(TestModels.StandIn), path);

        Assert.Equal(1, model.Dimension);
        Assert.Equal([[(101f + 7f + 102f) / 3f]], model.Embed([[101, 7, 102]], normalize: false, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Load_MissingFile_ThrowsOnnxModelException()
    {
        var exception = Assert.Throws<OnnxModelException>(() => Load(TestModels.Require(TestModels.StandIn), "/nonexistent/model.onnx"));

        Assert.Contains("/nonexistent/model.onnx", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoInputIds_ThrowsNamingTheInterface()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("tiny.onnx");
        File.WriteAllBytes(path, TinyOnnxModels.NoInputIds());

        var exception = Assert.Throws<OnnxModelException>(() => Load(TestModels.Require(TestModels.StandIn), path));

        Assert.Contains("input_ids", exception.Message, StringComparison.Ordinal);
        Assert.Contains("tokens", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownExtraInput_ThrowsNamingIt()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("tiny.onnx");
        File.WriteAllBytes(path, TinyOnnxModels.ExtraInput());

        var exception = Assert.Throws<OnnxModelException>(() => Load(TestModels.Require(TestModels.StandIn), path));

        Assert.Contains("position_ids", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RankTwoOutput_ThrowsDescribingTheShape()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("tiny.onnx");
        File.WriteAllBytes(path, TinyOnnxModels.RankTwoOutput());

        var exception = Assert.Throws<OnnxModelException>(() => Load(TestModels.Require(TestModels.StandIn), path));

        Assert.Contains("[batch, sequence, dimension]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embed_PaddedBatch_EqualsEachInputAlone()
    {
        string folder = TestModels.Require(TestModels.QqpStatic);
        using OnnxEmbeddingModel model = Load(folder);
        int[][] inputs = [[101, 2054, 2003, 1996, 102], [101, 102], [101, 7592, 102]];

        float[][] batched = model.Embed(inputs, normalize: true, TestContext.Current.CancellationToken);

        for (int i = 0; i < inputs.Length; i++)
        {
            float[] alone = model.Embed([inputs[i]], normalize: true, TestContext.Current.CancellationToken)[0];
            for (int d = 0; d < alone.Length; d++)
            {
                Assert.Equal(alone[d], batched[i][d], 6);
            }
        }
    }

    [Fact]
    public void Embed_NoInputs_ReturnsEmpty()
    {
        using OnnxEmbeddingModel model = Load(TestModels.Require(TestModels.StandIn));

        Assert.Empty(model.Embed([], normalize: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Embed_CancelledToken_ThrowsOperationCanceledException()
    {
        using OnnxEmbeddingModel model = Load(TestModels.Require(TestModels.StandIn));

        Assert.ThrowsAny<OperationCanceledException>(() => model.Embed([[101, 102]], normalize: true, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Embed_AfterDispose_ThrowsObjectDisposedException()
    {
        OnnxEmbeddingModel model = Load(TestModels.Require(TestModels.StandIn));

        model.Dispose();
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Embed([[101, 102]], normalize: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Embed_ConcurrentCallers_ShareOneSession()
    {
        using OnnxEmbeddingModel model = Load(TestModels.Require(TestModels.StandIn));
        float[] expected = model.Embed([[101, 2000, 3000, 102]], normalize: true, TestContext.Current.CancellationToken)[0];

        float[][][] results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => model.Embed([[101, 2000, 3000, 102]], normalize: true, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.Equal(expected, r[0]));
    }

    private static OnnxEmbeddingModel Load(string folder, string? modelPath = null) =>
        OnnxEmbeddingModel.Load(
            modelPath ?? Path.Combine(folder, "model.onnx"),
            BertTextTokenizer.Load(Path.Combine(folder, "vocab.txt"), lowerCase: true, maxSequenceLength: 256),
            intraOpThreads: 1,
            GraphOptimizationLevel.ORT_ENABLE_ALL);
}
