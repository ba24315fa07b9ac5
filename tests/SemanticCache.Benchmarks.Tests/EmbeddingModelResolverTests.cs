namespace SemanticCache.Benchmarks.Tests;

public sealed class EmbeddingModelResolverTests
{
    [Fact]
    public void Resolve_Option_WinsOverEnvironment()
    {
        using var option = ModelFolder();
        using var environment = ModelFolder();

        var model = EmbeddingModelResolver.Resolve(option.Path, "--embedding-model", _ => environment.Path);

        Assert.Equal(option.Path, model.Directory);
        Assert.Equal("from --embedding-model", model.Origin);
    }

    [Fact]
    public void Resolve_Environment_WinsOverTheSharedDefault()
    {
        using var environment = ModelFolder();

        var model = EmbeddingModelResolver.Resolve(null, "--embedding-model", name => name == EmbeddingModelResolver.EnvironmentVariable ? environment.Path : null);

        Assert.Equal(environment.Path, model.Directory);
        Assert.Equal("from SEMANTICCACHE_ONNX_MODEL_DIR", model.Origin);
    }

    [Fact]
    public void Resolve_Nothing_FindsSharedModelAboveTheBaseDirectory()
    {
        using var root = new TemporaryDirectory();
        var shared = Path.Combine(root.Path, "shared", "models", EmbeddingModelResolver.DefaultModelName);
        Directory.CreateDirectory(shared);
        File.WriteAllText(Path.Combine(shared, "model.onnx"), "x");
        var deep = Path.Combine(root.Path, "repo", "benchmarks", "bin", "Release", "net10.0");
        Directory.CreateDirectory(deep);

        var model = EmbeddingModelResolver.Resolve(null, "--embedding-model", _ => null, deep);

        Assert.Equal(shared, model.Directory);
        Assert.Equal(EmbeddingModelResolver.DefaultModelName, model.Name);
        Assert.Equal("found beside the repository", model.Origin);
    }

    [Fact]
    public void Resolve_NothingAnywhere_ExplainsHowToPointAtAModel()
    {
        // A folder with no shared/models above it (the temp folder may have one: developers link shared/ there).
        using var empty = new TemporaryDirectory(Directory.Exists("/var/tmp") ? "/var/tmp" : null);
        Assert.Null(RepositoryPaths.FindUpwards(EmbeddingModelResolver.DefaultRelativePath, empty.Path));

        var exception = Assert.Throws<BenchmarkSetupException>(() => EmbeddingModelResolver.Resolve(null, "--model", _ => null, empty.Path));

        Assert.Contains("--model DIR", exception.Message, StringComparison.Ordinal);
        Assert.Contains("SEMANTICCACHE_ONNX_MODEL_DIR=DIR", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FolderWithoutModel_Throws()
    {
        using var empty = new TemporaryDirectory();

        var exception = Assert.Throws<BenchmarkSetupException>(() => EmbeddingModelResolver.Resolve(empty.Path, "--embedding-model", _ => null));

        Assert.Contains("has no model.onnx", exception.Message, StringComparison.Ordinal);
    }

    private static TemporaryDirectory ModelFolder()
    {
        var directory = new TemporaryDirectory();
        directory.File("model.onnx", "x");
        return directory;
    }
}
