namespace SemanticCache.Benchmarks;

/// <summary>Finds files of the repository and of the <c>shared/</c> folder beside it, from wherever the benchmark runs.</summary>
public static class RepositoryPaths
{
    public const string SolutionFileName = "SemanticCache.sln";
    public const string PromptsFileName = "benchmark_prompts.txt";

    /// <summary>The default pairs of the quality command, relative to a folder above the repository.</summary>
    public static readonly string PairsRelativePath = Path.Combine("shared", "data", "qqp-gptcache", "pairs.jsonl");

    /// <summary>Gets the committed prompts file, copied next to the executable at build time.</summary>
    public static string DefaultPromptsFile => Path.Combine(AppContext.BaseDirectory, PromptsFileName);

    /// <summary>Returns the first <paramref name="relativePath"/> found in <paramref name="start"/> or one of its parents.</summary>
    public static string? FindUpwards(string relativePath, string? start = null)
    {
        for (var directory = new DirectoryInfo(start ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Looks above the executable, then above the working directory.</summary>
    public static string? FindAboveExecutableOrWorkingDirectory(string relativePath) =>
        FindUpwards(relativePath) ?? FindUpwards(relativePath, Environment.CurrentDirectory);

    /// <summary>Gets the repository root (the folder with <see cref="SolutionFileName"/>) above the working directory or the executable.</summary>
    public static string? RepositoryRoot() =>
        (FindUpwards(SolutionFileName, Environment.CurrentDirectory) ?? FindUpwards(SolutionFileName)) is { } solution
            ? Path.GetDirectoryName(solution)
            : null;
}
