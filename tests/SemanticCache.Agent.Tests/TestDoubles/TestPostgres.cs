namespace SemanticCache.Agent.Tests;

/// <summary>The PostgreSQL + pgvector server of the test run (<c>SEMANTICCACHE_TEST_POSTGRES</c>, set by scripts/test.sh).</summary>
internal static class TestPostgres
{
    public const string Variable = "SEMANTICCACHE_TEST_POSTGRES";

    /// <summary>Gets the connection string, skipping the test locally (failing it under CI) when none is configured.</summary>
    /// <returns>The connection string.</returns>
    public static string Require()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString)
        {
            return connectionString;
        }

        var message = $"{Variable} is not set (scripts/test.sh starts a server with scripts/postgres.sh)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return string.Empty;
    }
}
