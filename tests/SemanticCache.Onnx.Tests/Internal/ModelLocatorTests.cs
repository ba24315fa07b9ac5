using Microsoft.Extensions.Logging.Abstractions;

namespace SemanticCache.Onnx.Tests;

public sealed class ModelLocatorTests
{
    [Fact]
    public async Task LocateAsync_OptionSet_WinsOverEnvironmentAndCache()
    {
        using var directory = new TemporaryDirectory();
        string option = CopyStandIn(directory, "option");
        string environment = CopyStandIn(directory, "environment");
        ModelLocator locator = Create(new() { ModelDirectory = option, CacheDirectory = directory.Combine("cache") }, environment);

        LocatedModel located = await locator.LocateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(option, located.Directory);
        Assert.Equal(Path.Combine(option, "model.onnx"), located.ModelPath);
        Assert.Equal(Path.Combine(option, "vocab.txt"), located.VocabularyPath);
        Assert.Equal("option", located.ModelId);
    }

    [Fact]
    public async Task LocateAsync_EnvironmentSet_WinsOverCache()
    {
        using var directory = new TemporaryDirectory();
        string environment = CopyStandIn(directory, "environment");
        ModelLocator locator = Create(new() { CacheDirectory = directory.Combine("cache"), ModelId = "custom" }, environment);
        CopyStandIn(directory, Path.GetRelativePath(directory.Path, locator.CacheFolder));

        LocatedModel located = await locator.LocateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(environment, located.Directory);
        Assert.Equal("custom", located.ModelId);
    }

    [Fact]
    public async Task LocateAsync_EnvironmentFolderIncomplete_ThrowsNamingTheVariable()
    {
        using var directory = new TemporaryDirectory();
        ModelLocator locator = Create(new() { CacheDirectory = directory.Combine("cache") }, directory.Path);

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => locator.LocateAsync(TestContext.Current.CancellationToken));

        Assert.Contains(ModelLocator.EnvironmentVariable, exception.Message, StringComparison.Ordinal);
        Assert.Contains("missing model.onnx and vocab.txt", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocateAsync_OptionFolderDoesNotExist_Throws()
    {
        ModelLocator locator = Create(new() { ModelDirectory = "/nonexistent/models/x" }, environment: null);

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => locator.LocateAsync(TestContext.Current.CancellationToken));

        Assert.Contains("/nonexistent/models/x' (set by the ModelDirectory option) does not exist", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocateAsync_CompleteCacheFolder_IsUsedWithoutDownload()
    {
        using var directory = new TemporaryDirectory();
        OnnxModelSource source = ModelDownloaderTests.StandInSource();
        ModelLocator locator = Create(new() { CacheDirectory = directory.Path, ModelSource = source, AllowDownload = false }, environment: null);
        CopyStandIn(directory, Path.GetRelativePath(directory.Path, locator.CacheFolder));

        LocatedModel located = await locator.LocateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(directory.Path, "tests--minilm-shaped-standin", source.Revision), located.Directory);
        Assert.Equal("minilm-shaped-standin", located.ModelId);
    }

    [Fact]
    public async Task LocateAsync_CachedFileOfWrongSize_CountsAsMissing()
    {
        using var directory = new TemporaryDirectory();
        ModelLocator locator = Create(new() { CacheDirectory = directory.Path, ModelSource = ModelDownloaderTests.StandInSource(), AllowDownload = false }, environment: null);
        string cacheFolder = CopyStandIn(directory, Path.GetRelativePath(directory.Path, locator.CacheFolder));
        await File.WriteAllTextAsync(Path.Combine(cacheFolder, "model.onnx"), "not the model", TestContext.Current.CancellationToken);

        var exception = await Assert.ThrowsAsync<OnnxModelException>(() => locator.LocateAsync(TestContext.Current.CancellationToken));

        Assert.Contains("missing model.onnx)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocateAsync_NothingLocalAndDownloadAllowed_DownloadsIntoTheCacheFolder()
    {
        string standIn = TestModels.Require(TestModels.StandIn);
        await using var server = new LoopbackModelServer();
        OnnxModelSource source = ModelDownloaderTests.StandInSource();
        server.Serve(source.Repository, source.Revision, "onnx/model.onnx", Path.Combine(standIn, "model.onnx"));
        server.Serve(source.Repository, source.Revision, "vocab.txt", Path.Combine(standIn, "vocab.txt"));
        using var directory = new TemporaryDirectory();
        ModelLocator locator = Create(new() { CacheDirectory = directory.Path, ModelSource = source, DownloadBaseAddress = server.BaseAddress }, environment: null);

        LocatedModel located = await locator.LocateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(locator.CacheFolder, located.Directory);
        Assert.True(File.Exists(located.ModelPath));
        Assert.Contains("download", located.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultCacheRoot_XdgCacheHomeSet_IsUsedOnUnix()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "XDG_CACHE_HOME applies to Linux and macOS.");

        string root = ModelLocator.DefaultCacheRoot(name => name == "XDG_CACHE_HOME" ? "/var/cache/me" : null);

        Assert.Equal("/var/cache/me/semanticcache/models", root);
    }

    [Fact]
    public void DefaultCacheRoot_NoXdg_IsUnderTheUserProfile()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows uses LocalApplicationData.");

        string root = ModelLocator.DefaultCacheRoot(_ => null);

        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "semanticcache", "models"), root);
    }

    private static string CopyStandIn(TemporaryDirectory directory, string name) =>
        directory.CopyModel(TestModels.Require(TestModels.StandIn), name, "model.onnx", "vocab.txt");

    private static ModelLocator Create(OnnxEmbeddingGeneratorOptions options, string? environment)
    {
        var downloader = new ModelDownloader(options.DownloadBaseAddress, options.DownloadTimeout, null, TimeProvider.System, NullLogger.Instance);
        return new ModelLocator(options, downloader, NullLogger.Instance, name => name == ModelLocator.EnvironmentVariable ? environment : null);
    }
}
