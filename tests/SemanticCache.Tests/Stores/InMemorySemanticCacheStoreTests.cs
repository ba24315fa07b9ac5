using System.Text;
using Microsoft.Extensions.Time.Testing;
using SemanticCache.ConformanceTests;

namespace SemanticCache.Tests;

public sealed class InMemorySemanticCacheStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("semanticcache-snapshot-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UpsertAsync_AtCapacity_EvictsExpiredFirstThenLeastRecentlyUsed()
    {
        var time = new FakeTimeProvider();
        using var store = new InMemorySemanticCacheStore(new InMemorySemanticCacheStoreOptions { MaxEntries = 20 }, time);
        await store.UpsertAsync(Entry("expiring", 0, time) with { ExpiresAt = time.GetUtcNow().AddSeconds(1) }, Ct);
        for (var i = 1; i < 20; i++)
        {
            await store.UpsertAsync(Entry($"k{i}", i, time), Ct);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await store.GetAsync("k1", Ct); // k1 is now recently used; k2 is the least recently used
        await store.UpsertAsync(Entry("k20", 20, time), Ct);
        Assert.Equal(20, store.Count);
        Assert.Null(await store.GetAsync("expiring", Ct));

        await store.UpsertAsync(Entry("k21", 21, time), Ct);

        Assert.Equal(20, store.Count);
        Assert.NotNull(await store.GetAsync("k1", Ct));
        Assert.Null(await store.GetAsync("k2", Ct));
        Assert.NotNull(await store.GetAsync("k21", Ct));
    }

    [Fact]
    public async Task UpsertAsync_WrongDimension_ThrowsClearError()
    {
        using var store = new InMemorySemanticCacheStore();
        var time = new FakeTimeProvider();
        await store.UpsertAsync(Entry("a", 1, time), Ct);

        var ex = await Assert.ThrowsAsync<ArgumentException>(async () => await store.UpsertAsync(Entry("b", 2, time) with { Vector = new float[3] }, Ct));

        Assert.Contains("3 dimensions", ex.Message, StringComparison.Ordinal);
        Assert.Contains("8-dimensional", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_SavedOnDispose_IsLoadedByTheNextStore()
    {
        var path = Path.Combine(_directory, "cache.snapshot");
        var time = new FakeTimeProvider();
        var options = new InMemorySemanticCacheStoreOptions { SnapshotPath = path, SnapshotInterval = null };
        var original = Entry("k1", 1, time) with { Tags = ["t"], ModelId = "m", Partition = "p", EmbeddedText = "ünïcode ✓" };
        await using (var store = new InMemorySemanticCacheStore(options, time))
        {
            await store.UpsertAsync(original, Ct);
            await store.UpsertAsync(Entry("short", 2, time) with { ExpiresAt = time.GetUtcNow().AddMinutes(1) }, Ct);
        }

        time.Advance(TimeSpan.FromMinutes(2));
        await using var reloaded = new InMemorySemanticCacheStore(options, time);

        Assert.Equal(1, await reloaded.CountAsync(Ct));
        var read = await reloaded.GetAsync("k1", Ct);
        Assert.Equal(original.EmbeddedText, read!.EmbeddedText);
        Assert.Equal(original.Tags, read.Tags);
        Assert.Equal(original.Response.ToArray(), read.Response.ToArray());
        Assert.Equal(original.Vector.ToArray(), read.Vector.ToArray());
        Assert.Equal(original.CreatedAt, read.CreatedAt);
        var match = Assert.Single(await reloaded.SearchAsync(original.ScopeHash, original.Vector, 5, Ct));
        Assert.Equal(1.0, match.Similarity, 1e-5);
    }

    [Fact]
    public async Task Snapshot_SavedPeriodically()
    {
        var path = Path.Combine(_directory, "periodic.snapshot");
        var time = new FakeTimeProvider();
        await using var store = new InMemorySemanticCacheStore(new InMemorySemanticCacheStoreOptions { SnapshotPath = path, SnapshotInterval = TimeSpan.FromMinutes(1) }, time);
        await store.UpsertAsync(Entry("k1", 1, time), Ct);
        Assert.False(File.Exists(path));

        time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 500 && !File.Exists(path); i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.True(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void Ctor_CorruptSnapshot_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_directory, "corrupt.snapshot");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes("this is not a snapshot"));

        var ex = Assert.Throws<InvalidDataException>(() => new InMemorySemanticCacheStore(new InMemorySemanticCacheStoreOptions { SnapshotPath = path }));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_InvalidOptions_Throw()
    {
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new InMemorySemanticCacheStore(new InMemorySemanticCacheStoreOptions { MaxEntries = 0 }));
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new InMemorySemanticCacheStore(new InMemorySemanticCacheStoreOptions { SnapshotPath = " " }));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SemanticCacheEntry Entry(string key, int seed, TimeProvider time) => new()
    {
        Key = key,
        ScopeHash = "scope",
        EmbeddedText = $"prompt {key}",
        Vector = TestVectors.Random(seed, 8),
        Response = Encoding.UTF8.GetBytes($"answer {key}"),
        CreatedAt = time.GetUtcNow(),
        ExpiresAt = time.GetUtcNow().AddDays(1),
    };
}
