namespace SemanticCache.Benchmarks.Tests;

public sealed class RepositoryPathsTests
{
    [Fact]
    public void FindUpwards_FindsTheNearestMatch()
    {
        using var root = new TemporaryDirectory();
        var inner = Path.Combine(root.Path, "a", "b");
        Directory.CreateDirectory(Path.Combine(inner, "c"));
        root.File("marker.txt", "outer");
        File.WriteAllText(Path.Combine(root.Path, "a", "marker.txt"), "inner");

        Assert.Equal(Path.Combine(root.Path, "a", "marker.txt"), RepositoryPaths.FindUpwards("marker.txt", Path.Combine(inner, "c")));
        Assert.Null(RepositoryPaths.FindUpwards("no-such-file-" + Guid.NewGuid().ToString("N"), inner));
    }

    [Fact]
    public void DefaultPromptsFile_IsCopiedNextToTheExecutable()
    {
        Assert.True(File.Exists(RepositoryPaths.DefaultPromptsFile));
    }

    [Fact]
    public void RepositoryRoot_HoldsTheSolution()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.RepositoryRoot()!, RepositoryPaths.SolutionFileName)));
    }
}
