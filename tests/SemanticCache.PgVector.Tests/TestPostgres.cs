using Npgsql;

namespace SemanticCache.PgVector.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: SEMANTICCACHE_TEST_POSTGRES (set by scripts/test.sh from
/// scripts/postgres.sh). Without it a test is skipped locally and fails under CI=true.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "SEMANTICCACHE_TEST_POSTGRES";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string ConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                const string Why = Variable + " is not set: run scripts/test.sh, or export the output of scripts/postgres.sh start.";
                if (IsCi)
                {
                    Assert.Fail(Why);
                }

                Assert.Skip(Why);
            }

            return value;
        }
    }

    /// <summary>Builds a data source with the pgvector mapping, for direct SQL in tests.</summary>
    public static NpgsqlDataSource CreateDataSource(string? connectionString = null, Action<NpgsqlConnectionStringBuilder>? configure = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString ?? ConnectionString);
        configure?.Invoke(builder.ConnectionStringBuilder);
        builder.UseVector();
        return builder.Build();
    }

    /// <summary>A table name no other test uses, so every test starts from an empty table.</summary>
    public static string UniqueTableName(string prefix = "sc") => $"{prefix}_{Guid.NewGuid():N}";

    public static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] parameters) =>
        await ScalarAsync(dataSource, sql, parameters);
}
