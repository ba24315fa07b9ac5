using Npgsql;
using SemanticCache.ConformanceTests;

namespace SemanticCache.PgVector.Tests;

/// <summary>The shared store contract, run against PostgreSQL + pgvector (a fresh table per test).</summary>
public sealed class PgVectorSemanticCacheStoreConformanceTests : SemanticCacheStoreConformanceTests, IAsyncDisposable
{
    private readonly Dictionary<ISemanticCacheStore, string> _tables = [];
    private NpgsqlDataSource? _admin;

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
    }

    protected override async ValueTask<ISemanticCacheStore> CreateStoreAsync(TimeProvider timeProvider, int dimensions)
    {
        var store = new PgVectorSemanticCacheStore(
            TestPostgres.ConnectionString,
            new PgVectorSemanticCacheStoreOptions { TableName = TestPostgres.UniqueTableName("conformance"), Dimensions = dimensions },
            timeProvider);
        await store.EnsureSchemaAsync(TestContext.Current.CancellationToken);
        _tables.Add(store, store.QualifiedTableName);
        return store;
    }

    protected override async ValueTask DisposeStoreAsync(ISemanticCacheStore store)
    {
        await base.DisposeStoreAsync(store);
        _admin ??= TestPostgres.CreateDataSource();
        await TestPostgres.ExecuteAsync(_admin, $"DROP TABLE IF EXISTS {_tables[store]}");
    }
}
