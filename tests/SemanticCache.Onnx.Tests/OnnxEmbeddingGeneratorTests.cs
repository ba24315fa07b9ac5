using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace SemanticCache.Onnx.Tests;

public sealed class OnnxEmbeddingGeneratorTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [MemberData(nameof(TestModels.WithGoldenEmbeddings), MemberType = typeof(TestModels))]
    public async Task GenerateAsync_GoldenEmbeddingsInOneCall_MatchWithinTolerance(string model)
    {
        string folder = TestModels.Require(model);
        var golden = GoldenFiles.ReadEmbeddings(Path.Combine(folder, "golden-embeddings.jsonl"));
        using var generator = Create(folder);

        GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(golden.Select(g => g.Text), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(golden.Count, embeddings.Count);
        for (int i = 0; i < golden.Count; i++)
        {
            AssertClose(golden[i].Embedding, embeddings[i].Vector.Span, golden[i].Text);
        }
    }

    [Theory]
    [MemberData(nameof(TestModels.WithGoldenEmbeddings), MemberType = typeof(TestModels))]
    public async Task GenerateAsync_GoldenEmbeddingsOneByOne_MatchWithinTolerance(string model)
    {
        string folder = TestModels.Require(model);
        var golden = GoldenFiles.ReadEmbeddings(Path.Combine(folder, "golden-embeddings.jsonl"));
        using var generator = Create(folder);

        foreach ((string text, _, double[] expected) in golden)
        {
            Embedding<float> embedding = await generator.GenerateAsync(text, cancellationToken: TestContext.Current.CancellationToken);
            AssertClose(expected, embedding.Vector.Span, text);
        }
    }

    [Theory]
    [MemberData(nameof(TestModels.WithGoldenEmbeddings), MemberType = typeof(TestModels))]
    public async Task GenerateAsync_GoldenSimilarities_MatchCosines(string model)
    {
        string folder = TestModels.Require(model);
        var pairs = GoldenFiles.ReadSimilarities(Path.Combine(folder, "golden-similarities.jsonl"));
        using var generator = Create(folder);

        foreach ((string a, string b, double cosine) in pairs)
        {
            var embeddings = await generator.GenerateAsync([a, b], cancellationToken: TestContext.Current.CancellationToken);
            double actual = TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
            Assert.True(Math.Abs(actual - cosine) <= Tolerance, $"cos('{a}', '{b}') = {actual}, expected {cosine}");
        }
    }

    [Fact]
    public async Task GenerateAsync_QqpParaphrases_AreCloserThanUnrelatedQuestions()
    {
        using var generator = Create(TestModels.Require(TestModels.QqpStatic));
        var embeddings = await generator.GenerateAsync(
            ["How do I learn C# quickly?", "What is the fastest way to learn C#?", "How can I lose weight fast?"],
            cancellationToken: TestContext.Current.CancellationToken);

        float paraphrase = TensorPrimitives.Dot(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        float unrelated = TensorPrimitives.Dot(embeddings[0].Vector.Span, embeddings[2].Vector.Span);

        Assert.True(paraphrase > unrelated + 0.2f, $"paraphrase {paraphrase}, unrelated {unrelated}");
    }

    [Fact]
    public async Task GenerateAsync_64ConcurrentCallers_GetTheSameVectorsAsSequentialCalls()
    {
        string folder = TestModels.Require(TestModels.QqpStatic);
        string[] texts = [.. GoldenFiles.ReadEmbeddings(Path.Combine(folder, "golden-embeddings.jsonl")).Take(64).Select(g => g.Text)];
        using var sequentialGenerator = Create(folder, o => o.EnableMicroBatching = false);
        var sequential = new List<float[]>();
        foreach (string text in texts)
        {
            sequential.Add((await sequentialGenerator.GenerateAsync(text, cancellationToken: TestContext.Current.CancellationToken)).Vector.ToArray());
        }

        using var generator = Create(folder, o => o.MaxBatchSize = 16);
        using var start = new ManualResetEventSlim();
        Task<Embedding<float>>[] calls = [.. texts.Select(text => Task.Run(async () =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            return await generator.GenerateAsync(text, cancellationToken: TestContext.Current.CancellationToken);
        }))];
        start.Set();
        Embedding<float>[] concurrent = await Task.WhenAll(calls);

        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(sequential[i], concurrent[i].Vector.ToArray());
        }

        Assert.InRange(generator.MicroBatchCount, 1, 64);
    }

    [Fact]
    public async Task GenerateAsync_ManyInputs_ReturnsThemInInputOrder()
    {
        string folder = TestModels.Require(TestModels.StandIn);
        string[] texts = ["a much longer sentence with many more words in it than the others", "short", "", "medium length text here"];
        using var generator = Create(folder, o => o.MaxBatchSize = 2);

        var batched = await generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        for (int i = 0; i < texts.Length; i++)
        {
            var single = await generator.GenerateAsync([texts[i]], cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(single[0].Vector.ToArray(), batched[i].Vector.ToArray());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public async Task GenerateAsync_EmptyOrWhiteSpace_EmbedsAsClsSep(string text)
    {
        string folder = TestModels.Require(TestModels.QqpStatic);
        double[] expected = GoldenFiles.ReadEmbeddings(Path.Combine(folder, "golden-embeddings.jsonl")).First(g => g.Text.Length == 0).Embedding;
        using var generator = Create(folder);

        Embedding<float> embedding = await generator.GenerateAsync(text, cancellationToken: TestContext.Current.CancellationToken);

        AssertClose(expected, embedding.Vector.Span, text);
        Assert.Equal(1f, TensorPrimitives.Norm(embedding.Vector.Span), 4);
    }

    [Fact]
    public async Task GenerateAsync_NullValues_ThrowsArgumentNullException()
    {
        using var generator = Create(TestModels.Require(TestModels.StandIn));

        await Assert.ThrowsAsync<ArgumentNullException>(() => generator.GenerateAsync(null!, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GenerateAsync_NullString_ThrowsArgumentNullException()
    {
        using var generator = Create(TestModels.Require(TestModels.StandIn));

        var exception = await Assert.ThrowsAsync<ArgumentNullException>(() => generator.GenerateAsync(["ok", null!], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("index 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_NoValues_ReturnsEmpty()
    {
        using var generator = Create(TestModels.Require(TestModels.StandIn));

        var embeddings = await generator.GenerateAsync([], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(embeddings);
    }

    [Fact]
    public async Task GenerateAsync_DifferentDimensionsRequested_ThrowsArgumentException()
    {
        using var generator = Create(TestModels.Require(TestModels.StandIn));

        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 128 }, TestContext.Current.CancellationToken));
        var same = await generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 384 }, TestContext.Current.CancellationToken);
        Assert.Equal(384, same[0].Vector.Length);
    }

    [Fact]
    public async Task GenerateAsync_CancelledToken_ThrowsOperationCanceledException()
    {
        using var generator = Create(TestModels.Require(TestModels.StandIn));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["x"], cancellationToken: cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["x", "y"], cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task GenerateAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var generator = Create(TestModels.Require(TestModels.StandIn));
        await generator.GenerateAsync(["load"], cancellationToken: TestContext.Current.CancellationToken);

        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["x"], cancellationToken: TestContext.Current.CancellationToken));
        generator.Dispose(); // idempotent
    }

    [Fact]
    public async Task GenerateAsync_EmbeddingCacheOn_ServesRepeatedTextWithoutInference()
    {
        using var generator = Create(TestModels.Require(TestModels.StandIn), o => o.EmbeddingCacheCapacity = 8);

        var first = await generator.GenerateAsync(["repeated text"], cancellationToken: TestContext.Current.CancellationToken);
        var second = await generator.GenerateAsync(["repeated text"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, first.Usage!.InputTokenCount);
        Assert.Equal(0, second.Usage!.InputTokenCount);
        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_EmbeddingCacheOff_RunsTheModelEachTime()
    {
        using var generator = Create(TestModels.Require(TestModels.StandIn));

        await generator.GenerateAsync(["repeated text"], cancellationToken: TestContext.Current.CancellationToken);
        var second = await generator.GenerateAsync(["repeated text"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, second.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_TextLongerThanMaxSequenceLength_IsTruncated()
    {
        using var generator = Create(TestModels.Require(TestModels.StandIn), o => o.MaxSequenceLength = 6);

        var embeddings = await generator.GenerateAsync(["one two three four five six seven", "one two three four"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(embeddings[1].Vector.ToArray(), embeddings[0].Vector.ToArray());
        Assert.Equal(12, embeddings.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_NormalizeEmbeddingsOff_ReturnsMeanOfTokenVectors()
    {
        using var directory = new TemporaryDirectory();
        string folder = directory.CopyModel(TestModels.Require(TestModels.StandIn), "tiny", "vocab.txt");
        await File.WriteAllBytesAsync(Path.Combine(folder, "model.onnx"), TinyOnnxModels.TokenIdAsVector(), TestContext.Current.CancellationToken);
        using var generator = Create(folder, o => o.NormalizeEmbeddings = false);

        Embedding<float> embedding = await generator.GenerateAsync("a", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([(101f + 1037f + 102f) / 3f], embedding.Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_Embedding_CarriesModelIdAndTimestamp()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var generator = new OnnxEmbeddingGenerator(
            new OnnxEmbeddingGeneratorOptions { ModelDirectory = TestModels.Require(TestModels.StandIn) }, null, time, _ => null);

        Embedding<float> embedding = await generator.GenerateAsync("x", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(TestModels.StandIn, embedding.ModelId);
        Assert.Equal(time.GetUtcNow(), embedding.CreatedAt);
    }

    [Fact]
    public void GetService_MetadataWithModelOnDisk_LoadsItAndReportsItsDimension()
    {
        string folder = TestModels.Require(TestModels.QqpStatic);
        using var generator = Create(folder, o => o.ModelId = "qqp");

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(384, metadata!.DefaultModelDimensions);
        Assert.Equal(384, generator.Dimensions);
        Assert.Equal("qqp", metadata.DefaultModelId);
        Assert.Equal(OnnxEmbeddingGenerator.ProviderName, metadata.ProviderName);
        Assert.Equal(new Uri(folder), metadata.ProviderUri);
        Assert.Same(generator, generator.GetService<OnnxEmbeddingGenerator>());
        Assert.Null(generator.GetService(typeof(string)));
        Assert.Null(generator.GetService(typeof(EmbeddingGeneratorMetadata), "key"));
    }

    [Fact]
    public async Task GetService_MetadataBeforeDownload_ReportsDeclaredDimensionWithoutDownloading()
    {
        await using var server = new LoopbackModelServer();
        using var cache = new TemporaryDirectory();
        using var generator = new OnnxEmbeddingGenerator(
            new OnnxEmbeddingGeneratorOptions { CacheDirectory = cache.Path, DownloadBaseAddress = server.BaseAddress, ModelSource = ModelDownloaderTests.StandInSource(dimensions: 384) },
            null,
            null,
            _ => null);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(384, metadata!.DefaultModelDimensions);
        Assert.Null(metadata.ProviderUri);
        Assert.Null(generator.Dimensions);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void GetService_MetadataExplicitFolderWithoutModel_ReportsNoDimensionAndDoesNotThrow()
    {
        using var directory = new TemporaryDirectory();
        using var generator = Create(directory.Path);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Null(metadata!.DefaultModelDimensions);
    }

    [Fact]
    public async Task InitializeAsync_DownloadedModelWithOtherDimensionThanDeclared_Throws()
    {
        string standIn = TestModels.Require(TestModels.StandIn);
        await using var server = new LoopbackModelServer();
        OnnxModelSource source = ModelDownloaderTests.StandInSource(dimensions: 128);
        server.Serve(source.Repository, source.Revision, "onnx/model.onnx", Path.Combine(standIn, "model.onnx"));
        server.Serve(source.Repository, source.Revision, "vocab.txt", Path.Combine(standIn, "vocab.txt"));
        using var cache = new TemporaryDirectory();
        using var generator = new OnnxEmbeddingGenerator(
            new OnnxEmbeddingGeneratorOptions { CacheDirectory = cache.Path, DownloadBaseAddress = server.BaseAddress, ModelSource = source }, null, null, _ => null);

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => generator.InitializeAsync(TestContext.Current.CancellationToken));

        Assert.Contains("produces 384-dimensional vectors, but its source declares 128", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_ModelDirectoryMissingFiles_ThrowsNamingTheFolder()
    {
        using var directory = new TemporaryDirectory();
        using var generator = Create(directory.Path);

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => generator.InitializeAsync(TestContext.Current.CancellationToken));

        Assert.Contains(directory.Path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_FailedLoad_IsRetriedOnTheNextCall()
    {
        using var directory = new TemporaryDirectory();
        string source = TestModels.Require(TestModels.StandIn);
        using var generator = Create(directory.Path);
        await Assert.ThrowsAsync<OnnxModelException>(() => generator.InitializeAsync(TestContext.Current.CancellationToken));

        File.Copy(Path.Combine(source, "model.onnx"), directory.Combine("model.onnx"));
        File.Copy(Path.Combine(source, "vocab.txt"), directory.Combine("vocab.txt"));
        await generator.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(384, generator.Dimensions);
    }

    [Fact]
    public async Task InitializeAsync_CorruptModelFile_ThrowsOnnxModelException()
    {
        using var directory = new TemporaryDirectory();
        string folder = directory.CopyModel(TestModels.Require(TestModels.StandIn), "corrupt", "vocab.txt");
        byte[] truncated = (await File.ReadAllBytesAsync(Path.Combine(TestModels.Require(TestModels.StandIn), "model.onnx"), TestContext.Current.CancellationToken))[..4096];
        await File.WriteAllBytesAsync(Path.Combine(folder, "model.onnx"), truncated, TestContext.Current.CancellationToken);
        using var generator = Create(folder);

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => generator.InitializeAsync(TestContext.Current.CancellationToken));

        Assert.Contains("corrupt", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_VocabularyLargerThanModel_ThrowsOnnxModelException()
    {
        using var directory = new TemporaryDirectory();
        string qqp = TestModels.Require(TestModels.QqpStatic);
        string folder = directory.CopyModel(qqp, "mismatch", "model.onnx", "vocab.txt");
        await File.AppendAllLinesAsync(Path.Combine(folder, "vocab.txt"), ["extra1", "extra2"], TestContext.Current.CancellationToken);
        using var generator = Create(folder);

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => generator.InitializeAsync(TestContext.Current.CancellationToken));

        Assert.Contains("vocabulary", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_OutputNotTokenVectors_ThrowsOnnxModelException()
    {
        using var directory = new TemporaryDirectory();
        string folder = directory.CopyModel(TestModels.Require(TestModels.StandIn), "rank2", "vocab.txt");
        await File.WriteAllBytesAsync(Path.Combine(folder, "model.onnx"), TinyOnnxModels.RankTwoOutput(), TestContext.Current.CancellationToken);
        using var generator = Create(folder);

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => generator.InitializeAsync(TestContext.Current.CancellationToken));

        Assert.Contains("last_hidden_state", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_EnvironmentVariableFolder_IsUsedWhenOptionIsUnset()
    {
        string folder = TestModels.Require(TestModels.StandIn);
        using var generator = new OnnxEmbeddingGenerator(
            new OnnxEmbeddingGeneratorOptions { AllowDownload = false },
            null,
            null,
            name => name == OnnxEmbeddingGenerator.ModelDirectoryEnvironmentVariable ? folder : null);

        await generator.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TestModels.StandIn, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public async Task InitializeAsync_OfflineWithoutModel_ThrowsNamingFoldersAndRemedy()
    {
        using var cache = new TemporaryDirectory();
        using var generator = new OnnxEmbeddingGenerator(
            new OnnxEmbeddingGeneratorOptions { AllowDownload = false, CacheDirectory = cache.Path }, null, null, _ => null);

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => generator.InitializeAsync(TestContext.Current.CancellationToken));

        Assert.Contains(cache.Path, exception.Message, StringComparison.Ordinal);
        Assert.Contains(OnnxEmbeddingGenerator.ModelDirectoryEnvironmentVariable, exception.Message, StringComparison.Ordinal);
        Assert.Contains("AllowDownload", exception.Message, StringComparison.Ordinal);
        Assert.Contains("onnx/model.onnx", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_NoLocalModel_DownloadsVerifiesAndLoads()
    {
        string standIn = TestModels.Require(TestModels.StandIn);
        await using var server = new LoopbackModelServer();
        OnnxModelSource source = ModelDownloaderTests.StandInSource();
        server.Serve(source.Repository, source.Revision, "onnx/model.onnx", Path.Combine(standIn, "model.onnx"));
        server.Serve(source.Repository, source.Revision, "vocab.txt", Path.Combine(standIn, "vocab.txt"));
        using var cache = new TemporaryDirectory();
        var progress = new SynchronousProgress<OnnxModelDownloadProgress>();
        var golden = GoldenFiles.ReadEmbeddings(Path.Combine(standIn, "golden-embeddings.jsonl"))[0];
        using var generator = new OnnxEmbeddingGenerator(
            new OnnxEmbeddingGeneratorOptions
            {
                CacheDirectory = cache.Path,
                DownloadBaseAddress = server.BaseAddress,
                ModelSource = source,
                DownloadProgress = progress,
            },
            null,
            null,
            _ => null);

        Embedding<float> embedding = await generator.GenerateAsync(golden.Text, cancellationToken: TestContext.Current.CancellationToken);

        AssertClose(golden.Embedding, embedding.Vector.Span, golden.Text);
        Assert.Equal("minilm-shaped-standin", embedding.ModelId);
        Assert.Contains(progress.Reports, p => p.FileName == "model.onnx" && p.BytesReceived == p.TotalBytes);
        Assert.True(File.Exists(Path.Combine(cache.Path, "tests--minilm-shaped-standin", source.Revision, "model.onnx")));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsOptionsValidationException()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { MaxBatchSize = 0, MaxSequenceLength = 1 }));

        Assert.Equal(2, exception.Failures.Count());
    }

    [Fact]
    public async Task InitializeAsync_Loaded_LogsModelAndDimensions()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Debug));
        using var generator = new OnnxEmbeddingGenerator(
            new OnnxEmbeddingGeneratorOptions { ModelDirectory = TestModels.Require(TestModels.StandIn) }, loggerFactory, null, _ => null);

        await generator.GenerateAsync(["secret prompt text"], cancellationToken: TestContext.Current.CancellationToken);

        IReadOnlyList<FakeLogRecord> records = collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 4100);
        Assert.Contains(records, r => r.Id.Id == 4101 && r.Message.Contains("384 dimensions", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Message.Contains("secret", StringComparison.Ordinal));
    }

    internal static OnnxEmbeddingGenerator Create(string folder, Action<OnnxEmbeddingGeneratorOptions>? configure = null)
    {
        var options = new OnnxEmbeddingGeneratorOptions { ModelDirectory = folder, AllowDownload = false };
        configure?.Invoke(options);
        return new OnnxEmbeddingGenerator(options, null, null, _ => null);
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, string text)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > Tolerance)
            {
                Assert.Fail($"'{text}': component {i} is {actual[i]}, expected {expected[i]} (tolerance {Tolerance}).");
            }
        }
    }
}
