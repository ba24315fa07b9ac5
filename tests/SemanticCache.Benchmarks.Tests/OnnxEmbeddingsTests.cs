namespace SemanticCache.Benchmarks.Tests;

public sealed class OnnxEmbeddingsTests
{
    [Fact]
    public async Task CreateAsync_SharedModel_EmbedsWithOnnxRuntime()
    {
        var model = new EmbeddingModel(TestEnvironment.Model("minilm-shaped-standin"), "test");

        using var generator = await OnnxEmbeddings.CreateAsync(model, TestContext.Current.CancellationToken);
        var embeddings = await generator.GenerateAsync(["What is the capital of France?", "Which city is the capital of France?"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(384, e.Vector.Length));
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task CreateAsync_CorruptModel_ThrowsSetupExceptionThatSaysWhy()
    {
        using var directory = new TemporaryDirectory();
        directory.File("model.onnx", "not an onnx model");
        File.Copy(Path.Combine(TestEnvironment.Model("minilm-shaped-standin"), "vocab.txt"), Path.Combine(directory.Path, "vocab.txt"));

        var exception = await Assert.ThrowsAsync<BenchmarkSetupException>(
            () => OnnxEmbeddings.CreateAsync(new EmbeddingModel(directory.Path, "test"), TestContext.Current.CancellationToken));

        Assert.Contains("could not be loaded", exception.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", exception.Message, StringComparison.Ordinal);
    }
}
