namespace SemanticCache.Onnx.Tests;

/// <summary>
/// Finds the model folders of <c>shared/models</c>: <c>SEMANTICCACHE_ONNX_MODEL_DIR</c> (the models folder, or one model
/// folder) first, then <c>../shared/models</c> beside the repository root, found by walking up from the test binaries.
/// A missing folder skips the test locally and fails it under <c>CI=true</c>.
/// </summary>
internal static class TestModels
{
    public const string MiniLm = "all-MiniLM-L6-v2";
    public const string StandIn = "minilm-shaped-standin";
    public const string QqpStatic = "qqp-static-384";

    /// <summary>The model folders that have golden embeddings.</summary>
    public static TheoryData<string> WithGoldenEmbeddings => new(StandIn, QqpStatic);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the folder of model <paramref name="name"/>, or skips (fails under CI) when it is absent.</summary>
    public static string Require(string name)
    {
        string? directory = TryFind(name);
        if (directory is null)
        {
            Unavailable($"Model folder '{name}' not found: set SEMANTICCACHE_ONNX_MODEL_DIR or put shared/models beside the repository root.");
        }

        return directory!;
    }

    /// <summary>Skips the test locally, fails it under CI=true.</summary>
    public static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail(reason + " (CI=true: required, not skipped)");
        }

        Assert.Skip(reason);
    }

    public static string? TryFind(string name)
    {
        string? configured = Environment.GetEnvironmentVariable("SEMANTICCACHE_ONNX_MODEL_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            string nested = Path.Combine(configured, name);
            if (Directory.Exists(nested))
            {
                return nested;
            }

            if (string.Equals(Path.GetFileName(Path.TrimEndingDirectorySeparator(configured)), name, StringComparison.Ordinal) && Directory.Exists(configured))
            {
                return configured;
            }
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SemanticCache.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "models", name));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
