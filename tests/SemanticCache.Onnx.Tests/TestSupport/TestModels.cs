namespace SemanticCache.Onnx.Tests;

/// <summary>
/// Finds the model folders of <c>shared/models</c>: <c>SEMANTICCACHE_ONNX_MODEL_DIR</c> (one model folder, whose siblings
/// are the other models; or the models folder itself) first, then <c>../shared/models</c> beside the repository root, found
/// by walking up from the test binaries.
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
            // As in the package, the variable names one model folder; the other test models are its siblings. The models
            // folder itself is accepted too.
            string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configured));
            string[] candidates =
            [
                Path.GetFileName(folder) == name ? folder : Path.Combine(Path.GetDirectoryName(folder) ?? folder, name),
                Path.Combine(folder, name),
            ];
            foreach (string candidate in candidates)
            {
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
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
