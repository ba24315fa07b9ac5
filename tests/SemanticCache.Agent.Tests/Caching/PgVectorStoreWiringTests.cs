using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemanticCache.PgVector;

namespace SemanticCache.Agent.Tests;

public sealed class PgVectorStoreWiringTests
{
    [Fact]
    public void ConnectionString_FromPartsOnly_UsesTheDefaults()
    {
        var builder = PgVectorStoreWiring.ConnectionString(Settings([]).Postgres);

        Assert.Equal(("localhost", 5432, "postgres", "postgres", null), (builder.Host, builder.Port, builder.Username, builder.Database, builder.Password));
    }

    [Fact]
    public void ConnectionString_FullString_KeepsItsValuesOverTheDefaults()
    {
        var builder = PgVectorStoreWiring.ConnectionString(Settings(
            ["--postgres-connection-string", "Host=db.internal;Port=6000;Username=app;Password=s3;Database=cache;Timeout=3"]).Postgres);

        Assert.Equal(("db.internal", 6000, "app", "cache", "s3", 3), (builder.Host, builder.Port, builder.Username, builder.Database, builder.Password, builder.Timeout));
    }

    [Fact]
    public void ConnectionString_PartsGivenExplicitly_OverrideTheFullString()
    {
        var builder = PgVectorStoreWiring.ConnectionString(Settings(
            ["--postgres-connection-string", "Host=db.internal;Port=6000;Username=app;Password=s3;Database=cache", "--postgres-port", "7000"],
            new() { ["POSTGRES_USER"] = "env-user", ["POSTGRES_PASSWORD"] = "env-pw" }).Postgres);

        Assert.Equal(("db.internal", 7000, "env-user", "cache", "env-pw"), (builder.Host, builder.Port, builder.Username, builder.Database, builder.Password));
    }

    [Fact]
    public void ConnectionString_FromTheEnvironment_IsUsed()
    {
        var builder = PgVectorStoreWiring.ConnectionString(Settings([], new() { ["POSTGRES_CONNECTION_STRING"] = "Host=envhost;Database=envdb" }).Postgres);

        Assert.Equal(("envhost", "envdb"), (builder.Host, builder.Database));
    }

    [Fact]
    public void Use_StoreOptions_ComeFromTheSettings()
    {
        var services = new ServiceCollection();
        var settings = Settings(["--with-cache", "pgvector", "--postgres-schema", "agent", "--postgres-table", "answers", "--similarity-function", "inner_product"]);

        var name = PgVectorStoreWiring.Use(services.AddSemanticCache(), settings, () => 384);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<PgVectorSemanticCacheStoreOptions>>().Value;

        Assert.Equal("PostgreSQL at postgres@localhost:5432/postgres", name);
        Assert.Equal(("agent", "answers", 384, PgVectorSimilarityFunction.InnerProduct), (options.Schema, options.TableName, options.Dimensions, options.SimilarityFunction));
    }

    private static AgentSettings Settings(string[] args, Dictionary<string, string>? environment = null)
    {
        var commandLine = new AgentCommandLine();
        var variables = environment ?? [];
        return AgentSettingsResolver.Resolve(commandLine, commandLine.Parse(["-p", "x", .. args]), name => variables.GetValueOrDefault(name));
    }
}
