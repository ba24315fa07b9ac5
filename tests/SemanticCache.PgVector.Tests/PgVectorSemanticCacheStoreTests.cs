using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace SemanticCache.PgVector.Tests;

/// <summary>The store against a real PostgreSQL + pgvector server: basic operations.</summary>
public sealed partial class PgVectorSemanticCacheStoreTests : IAsyncLifetime
{
    private readonly List<(PgVectorSemanticCacheStore Store, string Schema, string Table)> _stores = [];
    private NpgsqlDataSource? _admin;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NpgsqlDataSource Admin => _admin ??= TestPostgres.CreateDataSource();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var (store, _, _) in _stores)
        {
            await store.DisposeAsync();
        }

        if (_stores.Count > 0)
        {
            foreach (var (_, schema, table) in _stores)
            {
                await TestPostgres.ExecuteAsync(Admin, $"DROP TABLE IF EXISTS \"{schema}\".\"{table}\"");
            }
        }

        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
    }

    [Fact]
    public async Task UpsertAsync_ThenGetAsync_RoundTripsEveryField()
    {
        var store = CreateStore(dimensions: 3);
        var entry = new SemanticCacheEntry
        {
            Key = "k1",
            ScopeHash = "s1",
            Partition = "tenant-7",
            EmbeddedText = "what's the \"weather\"; DROP TABLE x; --",
            Vector = new float[] { 0.25f, -1.5f, 3f },
            Response = new byte[] { 0, 1, 2, 255 },
            FormatVersion = 7,
            CreatedAt = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)),
            ExpiresAt = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Tags = ["a", "b c", "ü"],
            ModelId = "gpt-x",
        };

        await store.UpsertAsync(entry, Ct);
        var read = await store.GetAsync("k1", Ct);

        Assert.NotNull(read);
        Assert.Equal(entry.Key, read.Key);
        Assert.Equal(entry.ScopeHash, read.ScopeHash);
        Assert.Equal("tenant-7", read.Partition);
        Assert.Equal(entry.EmbeddedText, read.EmbeddedText);
        Assert.Equal(entry.Vector.ToArray(), read.Vector.ToArray());
        Assert.Equal(entry.Response.ToArray(), read.Response.ToArray());
        Assert.Equal(7, read.FormatVersion);
        Assert.Equal(entry.CreatedAt, read.CreatedAt);
        Assert.Equal(entry.ExpiresAt, read.ExpiresAt);
        Assert.Equal(["a", "b c", "ü"], read.Tags);
        Assert.Equal("gpt-x", read.ModelId);
    }

    [Fact]
    public async Task UpsertAsync_NoExpiryNoModel_RoundTripsNulls()
    {
        var store = CreateStore(dimensions: 2);
        await store.UpsertAsync(TestEntries.Create("k", [1, 2], modelId: null), Ct);

        var read = await store.GetAsync("k", Ct);

        Assert.NotNull(read);
        Assert.Null(read.ExpiresAt);
        Assert.Null(read.ModelId);
        Assert.Empty(read.Tags);
        Assert.Equal(string.Empty, read.Partition);
    }

    [Fact]
    public async Task GetAsync_MissingKey_ReturnsNull()
    {
        var store = CreateStore();
        await store.UpsertAsync(TestEntries.Create("present", [1, 0, 0, 0]), Ct);

        Assert.Null(await store.GetAsync("absent", Ct));
    }

    [Fact]
    public async Task GetAsync_EntryExpiredByTimeProvider_ReturnsNull()
    {
        var time = new FakeTimeProvider(TestEntries.Start);
        var store = CreateStore(timeProvider: time);
        await store.UpsertAsync(TestEntries.Create("k", [1, 0, 0, 0], expiresAt: TestEntries.Start.AddMinutes(5)), Ct);
        Assert.NotNull(await store.GetAsync("k", Ct));

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(await store.GetAsync("k", Ct));
        Assert.Equal(0, await store.CountAsync(Ct));
    }

    [Fact]
    public async Task UpsertAsync_SameKey_ReplacesEntryAndResetsHits()
    {
        var store = CreateStore();
        await store.UpsertAsync(TestEntries.Create("k", [1, 0, 0, 0], scope: "old"), Ct);
        Assert.True(await store.RecordHitAsync("k", Ct));

        await store.UpsertAsync(TestEntries.Create("k", [0, 1, 0, 0], scope: "new"), Ct);

        var read = await store.GetAsync("k", Ct);
        Assert.NotNull(read);
        Assert.Equal("new", read.ScopeHash);
        Assert.Equal([0f, 1, 0, 0], read.Vector.ToArray());
        Assert.Equal(1, await store.CountAsync(Ct));
        Assert.Equal(0L, await TestPostgres.ScalarAsync(Admin, $"SELECT hit_count FROM {store.QualifiedTableName} WHERE key = 'k'"));
        Assert.Empty(await store.SearchAsync("old", new float[] { 0, 1, 0, 0 }, 5, Ct));
    }

    [Fact]
    public async Task RecordHitAsync_CountsHitsAndTime()
    {
        var time = new FakeTimeProvider(TestEntries.Start);
        var store = CreateStore(timeProvider: time);
        await store.UpsertAsync(TestEntries.Create("k", [1, 0, 0, 0]), Ct);

        Assert.True(await store.RecordHitAsync("k", Ct));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await store.RecordHitAsync("k", Ct));
        Assert.False(await store.RecordHitAsync("other", Ct));

        Assert.Equal(2L, await TestPostgres.ScalarAsync(Admin, $"SELECT hit_count FROM {store.QualifiedTableName} WHERE key = 'k'"));
        var lastHit = (DateTime)(await TestPostgres.ScalarAsync(Admin, $"SELECT last_hit_at FROM {store.QualifiedTableName} WHERE key = 'k'"))!;
        Assert.Equal(TestEntries.Start.AddSeconds(10).UtcDateTime, lastHit);
    }

    [Fact]
    public async Task RemoveAsync_RemovesOnlyThatKey()
    {
        var store = CreateStore();
        await store.UpsertAsync(TestEntries.Create("a", [1, 0, 0, 0]), Ct);
        await store.UpsertAsync(TestEntries.Create("b", [0, 1, 0, 0]), Ct);

        Assert.True(await store.RemoveAsync("a", Ct));
        Assert.False(await store.RemoveAsync("a", Ct));

        Assert.Null(await store.GetAsync("a", Ct));
        Assert.NotNull(await store.GetAsync("b", Ct));
    }

    [Fact]
    public async Task RemoveByTagsAsync_AnyOrAll_RemovesMatchingEntries()
    {
        var store = CreateStore();
        await store.UpsertAsync(TestEntries.Create("xy", [1, 0, 0, 0], tags: ["x", "y"]), Ct);
        await store.UpsertAsync(TestEntries.Create("x", [0, 1, 0, 0], tags: ["x"]), Ct);
        await store.UpsertAsync(TestEntries.Create("y", [0, 0, 1, 0], tags: ["y"]), Ct);
        await store.UpsertAsync(TestEntries.Create("none", [0, 0, 0, 1]), Ct);

        Assert.Equal(0, await store.RemoveByTagsAsync([], matchAll: false, Ct));
        Assert.Equal(1, await store.RemoveByTagsAsync(["x", "y"], matchAll: true, Ct));
        Assert.Null(await store.GetAsync("xy", Ct));
        Assert.Equal(2, await store.RemoveByTagsAsync(["x", "y", "z"], matchAll: false, Ct));

        Assert.Equal(1, await store.CountAsync(Ct));
        Assert.NotNull(await store.GetAsync("none", Ct));
    }

    [Fact]
    public async Task RemoveByPartitionAsync_RemovesThatPartitionOnly()
    {
        var store = CreateStore();
        await store.UpsertAsync(TestEntries.Create("t1a", [1, 0, 0, 0], partition: "t1"), Ct);
        await store.UpsertAsync(TestEntries.Create("t1b", [0, 1, 0, 0], partition: "t1"), Ct);
        await store.UpsertAsync(TestEntries.Create("t2", [0, 0, 1, 0], partition: "t2"), Ct);
        await store.UpsertAsync(TestEntries.Create("shared", [0, 0, 0, 1]), Ct);

        Assert.Equal(2, await store.RemoveByPartitionAsync("t1", Ct));
        Assert.Equal(1, await store.RemoveByPartitionAsync(string.Empty, Ct));

        Assert.Equal(1, await store.CountAsync(Ct));
        Assert.NotNull(await store.GetAsync("t2", Ct));
    }

    [Fact]
    public async Task ClearAsync_RemovesEverything()
    {
        var store = CreateStore();
        for (var i = 0; i < 5; i++)
        {
            await store.UpsertAsync(TestEntries.Create("k" + i, TestEntries.Axis(4, i % 4)), Ct);
        }

        await store.ClearAsync(Ct);

        Assert.Equal(0, await store.CountAsync(Ct));
        Assert.Equal(0L, await TestPostgres.ScalarAsync(Admin, $"SELECT count(*) FROM {store.QualifiedTableName}"));
    }

    [Fact]
    public async Task CountAsync_CountsUnexpiredOnly()
    {
        var time = new FakeTimeProvider(TestEntries.Start);
        var store = CreateStore(timeProvider: time);
        await store.UpsertAsync(TestEntries.Create("forever", [1, 0, 0, 0]), Ct);
        await store.UpsertAsync(TestEntries.Create("later", [0, 1, 0, 0], expiresAt: TestEntries.Start.AddHours(1)), Ct);
        await store.UpsertAsync(TestEntries.Create("past", [0, 0, 1, 0], expiresAt: TestEntries.Start.AddSeconds(-1)), Ct);

        Assert.Equal(2, await store.CountAsync(Ct));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await store.CountAsync(Ct));
    }

    [Fact]
    public async Task UpsertAsync_VectorOfOtherDimension_ThrowsArgumentException()
    {
        var store = CreateStore(dimensions: 4);

        var ex = await Assert.ThrowsAsync<ArgumentException>(async () => await store.UpsertAsync(TestEntries.Create("k", [1, 2, 3]), Ct));

        Assert.Contains("vector(4)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_NonFiniteVector_ThrowsArgumentException()
    {
        var store = CreateStore(dimensions: 2);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.UpsertAsync(TestEntries.Create("k", [1, float.NaN]), Ct));
    }

    [Fact]
    public async Task DisposeAsync_GivenDataSource_LeavesItUsable()
    {
        await using var dataSource = TestPostgres.CreateDataSource();
        var table = TestPostgres.UniqueTableName();
        var store = new PgVectorSemanticCacheStore(dataSource, new PgVectorSemanticCacheStoreOptions { TableName = table, Dimensions = 2 });
        _stores.Add((store, "public", table));
        await store.UpsertAsync(TestEntries.Create("k", [1, 2]), Ct);

        await store.DisposeAsync();

        Assert.Equal(1L, await TestPostgres.ScalarAsync(dataSource, $"SELECT count(*) FROM \"{table}\""));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetAsync("k", Ct));
    }

    [Fact]
    public async Task DisposeAsync_OwnedDataSource_ClosesItsConnections()
    {
        var applicationName = "owned_" + Guid.NewGuid().ToString("N")[..12];
        var store = CreateStore(dimensions: 2, connectionString: TestPostgres.ConnectionString + ";Application Name=" + applicationName);
        await store.UpsertAsync(TestEntries.Create("k", [1, 2]), Ct);
        Assert.True(await ConnectionsNamedAsync(applicationName) > 0);

        await store.DisposeAsync();

        var waited = Stopwatch.StartNew();
        while (await ConnectionsNamedAsync(applicationName) > 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(0, await ConnectionsNamedAsync(applicationName));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.CountAsync(Ct));
    }

    private async Task<long> ConnectionsNamedAsync(string applicationName) =>
        (long)(await TestPostgres.ScalarAsync(Admin, "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", applicationName))!;

    private PgVectorSemanticCacheStore CreateStore(
        int? dimensions = 4,
        TimeProvider? timeProvider = null,
        Action<PgVectorSemanticCacheStoreOptions>? configure = null,
        string? connectionString = null)
    {
        var options = new PgVectorSemanticCacheStoreOptions
        {
            TableName = TestPostgres.UniqueTableName(),
            Dimensions = dimensions,
            SweepInterval = Timeout.InfiniteTimeSpan,
        };
        configure?.Invoke(options);
        var store = new PgVectorSemanticCacheStore(connectionString ?? TestPostgres.ConnectionString, options, timeProvider);
        _stores.Add((store, options.Schema, options.TableName));
        return store;
    }
}
