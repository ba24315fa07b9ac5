namespace SemanticCache.Benchmarks.Tests;

/// <summary>
/// What the tests need from the machine: the PostgreSQL server of scripts/test.sh and the models in ../shared/models.
/// Missing ones skip a test locally and fail it under CI=true.
/// </summary>
internal static class TestEnvironment
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable(ScenarioBackends.PostgresEnvironmentVariable) is { Length: > 0 } value
            ? value
            : Unavailable<string>($"{ScenarioBackends.PostgresEnvironmentVariable} is not set: run scripts/test.sh, or export the output of scripts/postgres.sh start.");

    /// <summary>The folder of a model in shared/models beside the repository.</summary>
    public static string Model(string name) =>
        RepositoryPaths.FindUpwards(Path.Combine("shared", "models", name)) is { } directory && File.Exists(Path.Combine(directory, "model.onnx"))
            ? directory
            : Unavailable<string>($"The model shared/models/{name} is not beside the repository.");

    public static string PairsFile =>
        RepositoryPaths.FindUpwards(RepositoryPaths.PairsRelativePath) ?? Unavailable<string>($"{RepositoryPaths.PairsRelativePath} is not beside the repository.");

    private static T Unavailable<T>(string why)
    {
        if (IsCi)
        {
            Assert.Fail(why);
        }

        Assert.Skip(why);
        return default!;
    }
}
