namespace SemanticCache.Agent.Tests;

/// <summary>The small embedding model the tests use: ../shared/models/qqp-static-384 from the repository root.</summary>
internal static class TestModels
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "models", "qqp-static-384");
            if (File.Exists(Path.Combine(dir.FullName, "SemanticCache.sln")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new InvalidOperationException("The repository root (SemanticCache.sln) was not found above the test's output folder.");
    }

    /// <summary>Skips the test locally, and fails it under CI, when the model is not there.</summary>
    public static void Require()
    {
        if (File.Exists(Path.Combine(Directory, "model.onnx")))
        {
            return;
        }

        var message = $"the embedding model is not at {Directory}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }
}
