using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace SemanticCache.PgVector.Tests;

/// <summary>The store against a real server: sweeping, concurrency and a server restart.</summary>
public sealed partial class PgVectorSemanticCacheStoreTests
{
    [Fact]
    public async Task SweepExpiredAsync_DeletesEveryExpiredRowInBatches()
    {
        var time = new FakeTimeProvider(TestEntries.Start);
        var store = CreateStore(dimensions: 2, timeProvider: time, configure: o => o.SweepBatchSize = 3);
        for (var i = 0; i < 10; i++)
        {
            await store.UpsertAsync(TestEntries.Create("old" + i, [1, i], expiresAt: TestEntries.Start.AddSeconds(i + 1)), Ct);
        }

        await store.UpsertAsync(TestEntries.Create("later", [0, 1], expiresAt: TestEntries.Start.AddHours(1)), Ct);
        await store.UpsertAsync(TestEntries.Create("forever", [1, 1]), Ct);
        Assert.Equal(0, await store.SweepExpiredAsync(Ct));

        time.Advance(TimeSpan.FromSeconds(10));
        var removed = await store.SweepExpiredAsync(Ct);

        Assert.Equal(10, removed);
        Assert.Equal(2L, await TestPostgres.ScalarAsync(Admin, $"SELECT count(*) FROM {store.QualifiedTableName}"));
        Assert.NotNull(await store.GetAsync("later", Ct));
    }

    [Fact]
    public async Task Sweeper_IntervalElapses_DeletesExpiredRowsInTheBackground()
    {
        var time = new FakeTimeProvider(TestEntries.Start);
        var store = CreateStore(dimensions: 2, timeProvider: time, configure: o => o.SweepInterval = TimeSpan.FromMinutes(1));
        await store.UpsertAsync(TestEntries.Create("expiring", [1, 0], expiresAt: TestEntries.Start.AddSeconds(30)), Ct);
        await store.UpsertAsync(TestEntries.Create("staying", [0, 1]), Ct);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await WaitForRowCountAsync(store, 1), "the sweeper did not delete the expired row");
        Assert.NotNull(await store.GetAsync("staying", Ct));
    }

    [Fact]
    public async Task DisposeAsync_StopsTheSweeper()
    {
        var time = new FakeTimeProvider(TestEntries.Start);
        var store = CreateStore(dimensions: 2, timeProvider: time, configure: o => o.SweepInterval = TimeSpan.FromMinutes(1));
        await store.UpsertAsync(TestEntries.Create("expiring", [1, 0], expiresAt: TestEntries.Start.AddSeconds(30)), Ct);

        await store.DisposeAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(500, Ct);

        Assert.Equal(1L, await TestPostgres.ScalarAsync(Admin, $"SELECT count(*) FROM {store.QualifiedTableName}"));
    }

    [Fact]
    public async Task Operations_200ConcurrentUpsertsAndLookups_AllSucceedAndEveryKeyIsReadable()
    {
        const int Writers = 200;
        var store = CreateStore(dimensions: 8);
        await store.EnsureSchemaAsync(Ct);
        var random = new Random(5);
        var vectors = Enumerable.Range(0, Writers).Select(_ => TestEntries.RandomVector(random, 8)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(
            async () =>
            {
                var key = "key" + i;
                await store.UpsertAsync(TestEntries.Create(key, vectors[i], scope: "scope" + (i % 10)), Ct);
                Assert.NotNull(await store.GetAsync(key, Ct));
                var matches = await store.SearchAsync("scope" + (i % 10), vectors[i], 3, Ct);
                Assert.Contains(matches, m => m.Entry.Key == key);
                await store.UpsertAsync(TestEntries.Create(key, vectors[i], scope: "scope" + (i % 10), tags: ["rewritten"]), Ct);
            },
            Ct)));

        Assert.Equal(Writers, await store.CountAsync(Ct));
        for (var i = 0; i < Writers; i++)
        {
            var entry = await store.GetAsync("key" + i, Ct);
            Assert.NotNull(entry);
            Assert.Equal(["rewritten"], entry.Tags);
            Assert.Equal(vectors[i], entry.Vector.ToArray());
        }
    }

    [Fact]
    public async Task Operations_ServerStoppedAndStartedAgain_FailWhileDownThenWorkWithoutANewStore()
    {
        await using var cluster = await ThrowawayCluster.StartAsync(Ct);
        await using var store = new PgVectorSemanticCacheStore(
            cluster.ConnectionString,
            new PgVectorSemanticCacheStoreOptions { TableName = "restart_test", Dimensions = 2, SweepInterval = Timeout.InfiniteTimeSpan });
        await store.UpsertAsync(TestEntries.Create("before", [1, 0]), Ct);

        // Several pooled connections, all of which the server will close.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.GetAsync("before", Ct).AsTask()));

        await cluster.StopAsync(Ct);

        // A pooled connection the server closed fails with Npgsql's exceptions, which the cache's fail-open policy
        // turns into misses; the store then drops its dead idle connections, so it needs no warm-up after the restart.
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.GetAsync("before", Ct));

        await cluster.RestartAsync(Ct);

        for (var i = 0; i < 8; i++)
        {
            Assert.NotNull(await store.GetAsync("before", Ct));
        }

        await store.UpsertAsync(TestEntries.Create("after", [0, 1]), Ct);
        var matches = await store.SearchAsync("scope-a", new float[] { 1, 1 }, 5, Ct);
        Assert.Equal(["after", "before"], matches.Select(m => m.Entry.Key).Order());
        Assert.Equal(2, await store.CountAsync(Ct));

        await cluster.StopAsync(Ct);
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.UpsertAsync(TestEntries.Create("while-down", [0, 1]), Ct));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.SearchAsync("scope-a", new float[] { 1, 0 }, 1, Ct));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.CountAsync(Ct));
    }

    private async Task<bool> WaitForRowCountAsync(PgVectorSemanticCacheStore store, long expected)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            if ((long)(await TestPostgres.ScalarAsync(Admin, $"SELECT count(*) FROM {store.QualifiedTableName}"))! == expected)
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }

        return false;
    }
}
