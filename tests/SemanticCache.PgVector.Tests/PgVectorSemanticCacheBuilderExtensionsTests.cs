using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SemanticCache.PgVector.Tests;

public sealed class PgVectorSemanticCacheBuilderExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UsePgVector_ConnectionString_TakesTheDimensionFromTheEmbeddingGenerator()
    {
        var table = TestPostgres.UniqueTableName("di");
        var services = new ServiceCollection();
        services.AddSemanticCache()
            .UseEmbeddingGenerator(new TestEmbeddingGenerator(6))
            .UsePgVector(TestPostgres.ConnectionString, o => o.TableName = table);

        await using (var provider = services.BuildServiceProvider())
        {
            var store = Assert.IsType<PgVectorSemanticCacheStore>(provider.GetRequiredKeyedService<ISemanticCacheStore>(SemanticCacheBuilderExtensions.ServiceKey));
            await store.EnsureSchemaAsync(Ct);

            Assert.Equal(6, store.Dimensions);
        }

        await DropAsync(table);
    }

    [Fact]
    public async Task UsePgVector_DimensionOptionContradictsTheGenerator_ThrowsWhenTheStoreIsResolved()
    {
        var services = new ServiceCollection();
        services.AddSemanticCache()
            .UseEmbeddingGenerator(new TestEmbeddingGenerator(6))
            .UsePgVector(TestPostgres.ConnectionString, o => o.Dimensions = 384);
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<ISemanticCacheStore>(SemanticCacheBuilderExtensions.ServiceKey));

        Assert.Contains("384", ex.Message, StringComparison.Ordinal);
        Assert.Contains("6-dimensional", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsePgVector_InvalidOptions_FailStartupValidation()
    {
        var services = new ServiceCollection();
        services.AddSemanticCache().UsePgVector("Host=127.0.0.1;Port=1", o => o.TableName = "x; DROP TABLE y");
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(nameof(PgVectorSemanticCacheStoreOptions.TableName), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsePgVector_DataSource_ContainerDisposesTheStoreButNotTheDataSource()
    {
        var table = TestPostgres.UniqueTableName("di");
        await using var dataSource = TestPostgres.CreateDataSource();
        var services = new ServiceCollection();
        services.AddSemanticCache().UsePgVector(dataSource, o =>
        {
            o.TableName = table;
            o.Dimensions = 2;
        });

        PgVectorSemanticCacheStore store;
        await using (var provider = services.BuildServiceProvider())
        {
            store = Assert.IsType<PgVectorSemanticCacheStore>(provider.GetRequiredKeyedService<ISemanticCacheStore>(SemanticCacheBuilderExtensions.ServiceKey));
            await store.UpsertAsync(TestEntries.Create("k", [1, 2]), Ct);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetAsync("k", Ct));
        Assert.Equal(1L, await TestPostgres.ScalarAsync(dataSource, $"SELECT count(*) FROM \"{table}\""));
        await TestPostgres.ExecuteAsync(dataSource, $"DROP TABLE \"{table}\"");
    }

    [Fact]
    public void UsePgVector_BadArguments_Throw()
    {
        var builder = new ServiceCollection().AddSemanticCache();

        Assert.Throws<ArgumentNullException>(() => ((ISemanticCacheBuilder)null!).UsePgVector("Host=x"));
        Assert.Throws<ArgumentException>(() => builder.UsePgVector(" "));
        Assert.Throws<ArgumentNullException>(() => builder.UsePgVector((Npgsql.NpgsqlDataSource)null!));
    }

    private static async Task DropAsync(string table)
    {
        await using var admin = TestPostgres.CreateDataSource();
        await TestPostgres.ExecuteAsync(admin, $"DROP TABLE IF EXISTS \"{table}\"");
    }
}
