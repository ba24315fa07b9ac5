namespace SemanticCache.Benchmarks;

/// <summary>
/// Chooses the embedding model: the command-line option, else <c>SEMANTICCACHE_ONNX_MODEL_DIR</c>, else
/// <c>shared/models/qqp-static-384</c> in a folder above the executable (the <c>../shared</c> beside the repository).
/// </summary>
public static class EmbeddingModelResolver
{
    public const string EnvironmentVariable = "SEMANTICCACHE_ONNX_MODEL_DIR";
    public const string DefaultModelName = "qqp-static-384";
    public const string ModelFileName = "model.onnx";

    public static readonly string DefaultRelativePath = Path.Combine("shared", "models", DefaultModelName);

    public static EmbeddingModel Resolve(string? option, string optionName, Func<string, string?>? environment = null, string? baseDirectory = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Checked(option, optionName);
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Checked(fromEnvironment, EnvironmentVariable);
        }

        var found = baseDirectory is null
            ? RepositoryPaths.FindAboveExecutableOrWorkingDirectory(DefaultRelativePath)
            : RepositoryPaths.FindUpwards(DefaultRelativePath, baseDirectory);
        if (found is not null && File.Exists(Path.Combine(found, ModelFileName)))
        {
            return new EmbeddingModel(Path.GetFullPath(found), "found beside the repository");
        }

        throw new BenchmarkSetupException(
            $"No embedding model found. The benchmark embeds prompts with a local ONNX sentence-embedding model: a folder with {ModelFileName} and vocab.txt " +
            $"(for example all-MiniLM-L6-v2 exported to ONNX). Point at one with {optionName} DIR or {EnvironmentVariable}=DIR, " +
            $"or put the repository next to a shared/models/{DefaultModelName} folder.");
    }

    private static EmbeddingModel Checked(string directory, string source)
    {
        var full = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(full, ModelFileName)))
        {
            throw new BenchmarkSetupException(
                $"{source} points at '{full}', which has no {ModelFileName}. Point it at a model folder with {ModelFileName} and vocab.txt.");
        }

        return new EmbeddingModel(full, "from " + source);
    }
}
