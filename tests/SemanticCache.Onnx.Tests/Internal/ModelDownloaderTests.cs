using Microsoft.Extensions.Logging.Abstractions;

namespace SemanticCache.Onnx.Tests;

public sealed class ModelDownloaderTests
{
    // Pinned values from shared/models/minilm-shaped-standin/SOURCE.md and all-MiniLM-L6-v2/SOURCE.md.
    private const string StandInModelSha256 = "f66a229267498e0ae74444e7387225385e8a73a2110b0166da48339c0c676501";
    private const long StandInModelLength = 3_157_501;
    private const string VocabularySha256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3";
    private const long VocabularyLength = 231_508;

    public static OnnxModelSource StandInSource(int? dimensions = null) => new(
        "tests/minilm-shaped-standin",
        "0123456789abcdef0123456789abcdef01234567",
        [
            new OnnxModelFile("onnx/model.onnx", "model.onnx", StandInModelSha256, StandInModelLength),
            new OnnxModelFile("vocab.txt", "vocab.txt", VocabularySha256, VocabularyLength),
        ],
        dimensions);

    [Fact]
    public async Task DownloadAsync_ServedFiles_WritesVerifiedFilesAndReportsProgress()
    {
        await using var server = Serve(out OnnxModelSource source);
        using var target = new TemporaryDirectory();
        var progress = new SynchronousProgress<OnnxModelDownloadProgress>();

        await CreateDownloader(server, progress).DownloadAsync(source, target.Path, TestContext.Current.CancellationToken);

        string standIn = TestModels.Require(TestModels.StandIn);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(standIn, "model.onnx"), TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(target.Combine("model.onnx"), TestContext.Current.CancellationToken));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(standIn, "vocab.txt"), TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(target.Combine("vocab.txt"), TestContext.Current.CancellationToken));
        Assert.Equal(["model.onnx", "vocab.txt"], Directory.GetFiles(target.Path).Select(Path.GetFileName).Order());
        var modelReports = progress.Reports.Where(p => p.FileName == "model.onnx").ToList();
        Assert.True(modelReports.Count >= 3);
        Assert.True(modelReports.Zip(modelReports.Skip(1)).All(pair => pair.First.BytesReceived < pair.Second.BytesReceived));
        Assert.Equal(StandInModelLength, modelReports[^1].BytesReceived);
        Assert.All(modelReports, p => Assert.Equal(StandInModelLength, p.TotalBytes));
        Assert.Equal(
            ["/tests/minilm-shaped-standin/resolve/0123456789abcdef0123456789abcdef01234567/onnx/model.onnx", "/tests/minilm-shaped-standin/resolve/0123456789abcdef0123456789abcdef01234567/vocab.txt"],
            server.Requests);
    }

    [Fact]
    public async Task DownloadAsync_HashMismatch_ThrowsAndKeepsNothing()
    {
        await using var server = Serve(out OnnxModelSource source, LoopbackModelServer.ServeMode.CorruptByte);
        using var target = new TemporaryDirectory();

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => CreateDownloader(server).DownloadAsync(source, target.Path, TestContext.Current.CancellationToken));

        Assert.Contains("SHA-256", exception.Message, StringComparison.Ordinal);
        Assert.Contains(StandInModelSha256, exception.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(target.Path));
    }

    [Fact]
    public async Task DownloadAsync_InterruptedTransfer_ThrowsAndLeavesNoPartialFile()
    {
        await using var server = Serve(out OnnxModelSource source, LoopbackModelServer.ServeMode.Truncate);
        using var target = new TemporaryDirectory();

        await Assert.ThrowsAsync<OnnxModelException>(() => CreateDownloader(server).DownloadAsync(source, target.Path, TestContext.Current.CancellationToken));

        Assert.Empty(Directory.GetFiles(target.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task DownloadAsync_NotFound_ThrowsWithStatusCode()
    {
        await using var server = new LoopbackModelServer();
        using var target = new TemporaryDirectory();

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => CreateDownloader(server).DownloadAsync(StandInSource(), target.Path, TestContext.Current.CancellationToken));

        Assert.Contains("404", exception.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(target.Path));
    }

    [Fact]
    public async Task DownloadAsync_CompleteFilePresent_IsNotDownloadedAgain()
    {
        await using var server = Serve(out OnnxModelSource source);
        using var target = new TemporaryDirectory();
        File.Copy(Path.Combine(TestModels.Require(TestModels.StandIn), "model.onnx"), target.Combine("model.onnx"));

        await CreateDownloader(server).DownloadAsync(source, target.Path, TestContext.Current.CancellationToken);

        Assert.Equal(["/tests/minilm-shaped-standin/resolve/0123456789abcdef0123456789abcdef01234567/vocab.txt"], server.Requests);
    }

    [Fact]
    public async Task DownloadAsync_Cancelled_ThrowsOperationCanceledAndKeepsNothing()
    {
        await using var server = Serve(out OnnxModelSource source);
        using var target = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateDownloader(server).DownloadAsync(source, target.Path, cancellation.Token));

        Assert.Empty(Directory.GetFiles(target.Path));
    }

    [Fact]
    public void GetFileUri_DefaultSource_PointsAtPinnedRevisionOnTheHub()
    {
        var downloader = new ModelDownloader(new OnnxEmbeddingGeneratorOptions().DownloadBaseAddress, TimeSpan.FromMinutes(1), null, TimeProvider.System, NullLogger.Instance);
        OnnxModelSource source = OnnxModelSource.AllMiniLmL6V2;

        Uri uri = downloader.GetFileUri(source, source.Files[0]);

        Assert.Equal("https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/resolve/fa97f6e7cb1a59073dff9e6b13e2715cf7475ac9/onnx/model.onnx", uri.AbsoluteUri);
    }

    [Fact]
    public void GetFileUri_BaseAddressWithPathAndNoSlash_KeepsThePath()
    {
        var downloader = new ModelDownloader(new Uri("http://mirror.example/hub"), TimeSpan.FromMinutes(1), null, TimeProvider.System, NullLogger.Instance);
        OnnxModelSource source = StandInSource();

        Assert.Equal(
            "http://mirror.example/hub/tests/minilm-shaped-standin/resolve/0123456789abcdef0123456789abcdef01234567/vocab.txt",
            downloader.GetFileUri(source, source.Files[1]).AbsoluteUri);
    }

    private static LoopbackModelServer Serve(out OnnxModelSource source, LoopbackModelServer.ServeMode modelMode = LoopbackModelServer.ServeMode.Normal)
    {
        string standIn = TestModels.Require(TestModels.StandIn);
        source = StandInSource();
        var server = new LoopbackModelServer();
        server.Serve(source.Repository, source.Revision, "onnx/model.onnx", Path.Combine(standIn, "model.onnx"), modelMode);
        server.Serve(source.Repository, source.Revision, "vocab.txt", Path.Combine(standIn, "vocab.txt"));
        return server;
    }

    private static ModelDownloader CreateDownloader(LoopbackModelServer server, IProgress<OnnxModelDownloadProgress>? progress = null) =>
        new(server.BaseAddress, TimeSpan.FromMinutes(1), progress, TimeProvider.System, NullLogger.Instance);
}
