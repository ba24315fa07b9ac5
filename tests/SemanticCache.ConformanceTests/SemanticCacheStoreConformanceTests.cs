using System.Text;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace SemanticCache.ConformanceTests;

/// <summary>
/// The behaviour every <see cref="ISemanticCacheStore"/> must have. A store's test project subclasses this class and
/// implements <see cref="CreateStoreAsync"/> against the real backend; every test gets a fresh, empty store.
/// </summary>
public abstract class SemanticCacheStoreConformanceTests
{
    /// <summary>Gets the vector dimension the tests use.</summary>
    protected virtual int Dimensions => 8;

    /// <summary>
    /// Gets how long a search may take to see a write. Zero for stores whose search reads its own writes; an eventually
    /// consistent vector index (ScyllaDB) sets the lag it tolerates, and searches are then retried until they pass or it elapses.
    /// </summary>
    protected virtual TimeSpan SearchConsistencyWindow => TimeSpan.Zero;

    /// <summary>Gets the tolerance on reported similarities (stores that compute them server-side in single precision need a little).</summary>
    protected virtual double SimilarityTolerance => 1e-4;

    /// <summary>Creates a fresh, empty store that reads the time from <paramref name="timeProvider"/>.</summary>
    protected abstract ValueTask<ISemanticCacheStore> CreateStoreAsync(TimeProvider timeProvider, int dimensions);

    /// <summary>Releases a store created by <see cref="CreateStoreAsync"/>.</summary>
    protected virtual async ValueTask DisposeStoreAsync(ISemanticCacheStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    [Fact]
    public virtual async Task GetAsync_UnknownKey_ReturnsNull()
    {
        await WithStoreAsync(async (store, _) => Assert.Null(await store.GetAsync("no-such-key", Ct)));
    }

    [Fact]
    public virtual async Task UpsertAsync_ThenGetAsync_RoundTripsEveryField()
    {
        await WithStoreAsync(async (store, time) =>
        {
            var entry = Entry("k1", "scope-a", seed: 1, time) with
            {
                Partition = "tenant-7",
                EmbeddedText = "Wie spät ist es? 🕑 naïve café",
                Tags = ["faq", "billing"],
                ModelId = "model-x",
                ExpiresAt = time.GetUtcNow().AddHours(2),
                Response = Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"assistant\",\"contents\":[{\"$type\":\"text\",\"text\":\"ünïcode ✓\"}]}]}"),
            };
            await store.UpsertAsync(entry, Ct);

            var read = await store.GetAsync("k1", Ct);

            Assert.NotNull(read);
            AssertSameEntry(entry, read);
        });
    }

    [Fact]
    public virtual async Task UpsertAsync_MinimalEntry_RoundTripsNullsAndEmpties()
    {
        await WithStoreAsync(async (store, time) =>
        {
            var entry = Entry("k-min", "scope-a", seed: 2, time) with { ModelId = null, Tags = [], ExpiresAt = null, Partition = string.Empty };
            await store.UpsertAsync(entry, Ct);

            var read = await store.GetAsync("k-min", Ct);

            Assert.NotNull(read);
            AssertSameEntry(entry, read);
        });
    }

    [Fact]
    public virtual async Task UpsertAsync_SameKey_ReplacesTheEntry()
    {
        await WithStoreAsync(async (store, time) =>
        {
            await store.UpsertAsync(Entry("k1", "scope-a", seed: 1, time) with { EmbeddedText = "first" }, Ct);
            await store.UpsertAsync(Entry("k1", "scope-a", seed: 2, time) with { EmbeddedText = "second" }, Ct);

            var read = await store.GetAsync("k1", Ct);

            Assert.Equal("second", read!.EmbeddedText);
            Assert.Equal(1, await store.CountAsync(Ct));
            var matches = await SearchAsync(store, "scope-a", TestVectors.Random(2, Dimensions), 10, m => m.Count == 1 && m[0].Entry.EmbeddedText == "second");
            Assert.Single(matches);
        });
    }

    [Fact]
    public virtual async Task GetAsync_ExpiredEntry_ReturnsNull()
    {
        await WithStoreAsync(async (store, time) =>
        {
            await store.UpsertAsync(Entry("k1", "scope-a", seed: 1, time) with { ExpiresAt = time.GetUtcNow().AddMinutes(10) }, Ct);
            Assert.NotNull(await store.GetAsync("k1", Ct));

            time.Advance(TimeSpan.FromMinutes(10));

            Assert.Null(await store.GetAsync("k1", Ct));
        });
    }

    [Fact]
    public virtual async Task SearchAsync_ReturnsNearestFirst_WithCosineSimilarity()
    {
        await WithStoreAsync(async (store, time) =>
        {
            var query = TestVectors.Random(100, Dimensions);
            var vectors = new[] { TestVectors.Near(query, 0.05, 1), TestVectors.Near(query, 0.4, 2), TestVectors.Near(query, 0.9, 3), TestVectors.Random(4, Dimensions) };
            for (var i = 0; i < vectors.Length; i++)
            {
                await store.UpsertAsync(Entry($"k{i}", "scope-a", 0, time) with { Vector = vectors[i] }, Ct);
            }

            var matches = await SearchAsync(store, "scope-a", query, 10, m => m.Count == vectors.Length);

            var expected = vectors.Select((v, i) => (Key: $"k{i}", Similarity: TestVectors.Cosine(query, v))).OrderByDescending(x => x.Similarity).ToList();
            Assert.Equal(expected.Select(e => e.Key), matches.Select(m => m.Entry.Key));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Similarity, matches[i].Similarity, SimilarityTolerance);
            }
        });
    }

    [Fact]
    public virtual async Task SearchAsync_IdenticalVector_ReportsSimilarityOne()
    {
        await WithStoreAsync(async (store, time) =>
        {
            var vector = TestVectors.Random(5, Dimensions);
            await store.UpsertAsync(Entry("k1", "scope-a", 0, time) with { Vector = vector }, Ct);

            var matches = await SearchAsync(store, "scope-a", vector, 1, m => m.Count == 1);

            Assert.Equal(1.0, matches[0].Similarity, SimilarityTolerance);
        });
    }

    [Fact]
    public virtual async Task SearchAsync_NeverReturnsEntriesOfAnotherScope()
    {
        await WithStoreAsync(async (store, time) =>
        {
            var query = TestVectors.Random(7, Dimensions);
            await store.UpsertAsync(Entry("other", "scope-b", 0, time) with { Vector = query }, Ct);
            await store.UpsertAsync(Entry("mine", "scope-a", 0, time) with { Vector = TestVectors.Near(query, 0.8, 9) }, Ct);

            var matches = await SearchAsync(store, "scope-a", query, 10, m => m.Count >= 1);

            Assert.All(matches, m => Assert.Equal("scope-a", m.Entry.ScopeHash));
            Assert.Equal(["mine"], matches.Select(m => m.Entry.Key));
            Assert.Empty(await store.SearchAsync("scope-c", query, 10, Ct));
        });
    }

    [Fact]
    public virtual async Task SearchAsync_ReturnsAtMostLimit()
    {
        await WithStoreAsync(async (store, time) =>
        {
            for (var i = 0; i < 7; i++)
            {
                await store.UpsertAsync(Entry($"k{i}", "scope-a", i + 1, time), Ct);
            }

            var matches = await SearchAsync(store, "scope-a", TestVectors.Random(3, Dimensions), 3, m => m.Count == 3);

            Assert.Equal(3, matches.Count);
            Assert.True(matches[0].Similarity >= matches[1].Similarity && matches[1].Similarity >= matches[2].Similarity);
        });
    }

    [Fact]
    public virtual async Task SearchAsync_SkipsExpiredEntries()
    {
        await WithStoreAsync(async (store, time) =>
        {
            var query = TestVectors.Random(11, Dimensions);
            await store.UpsertAsync(Entry("short", "scope-a", 0, time) with { Vector = query, ExpiresAt = time.GetUtcNow().AddMinutes(1) }, Ct);
            await store.UpsertAsync(Entry("long", "scope-a", 0, time) with { Vector = TestVectors.Near(query, 0.5, 3), ExpiresAt = time.GetUtcNow().AddHours(1) }, Ct);
            await SearchAsync(store, "scope-a", query, 10, m => m.Count == 2);

            time.Advance(TimeSpan.FromMinutes(2));

            var matches = await store.SearchAsync("scope-a", query, 10, Ct);
            Assert.Equal(["long"], matches.Select(m => m.Entry.Key));
        });
    }

    [Fact]
    public virtual async Task RemoveAsync_RemovesOnlyThatEntry()
    {
        await WithStoreAsync(async (store, time) =>
        {
            await store.UpsertAsync(Entry("k1", "scope-a", 1, time), Ct);
            await store.UpsertAsync(Entry("k2", "scope-a", 2, time), Ct);

            Assert.True(await store.RemoveAsync("k1", Ct));
            Assert.False(await store.RemoveAsync("k1", Ct));

            Assert.Null(await store.GetAsync("k1", Ct));
            Assert.NotNull(await store.GetAsync("k2", Ct));
            var matches = await SearchAsync(store, "scope-a", TestVectors.Random(1, Dimensions), 10, m => m.Count == 1);
            Assert.Equal(["k2"], matches.Select(m => m.Entry.Key));
        });
    }

    [Fact]
    public virtual async Task RemoveByTagsAsync_MatchAny_RemovesEntriesWithAnyTag()
    {
        await WithStoreAsync(async (store, time) =>
        {
            await store.UpsertAsync(Entry("a", "s", 1, time) with { Tags = ["x"] }, Ct);
            await store.UpsertAsync(Entry("b", "s", 2, time) with { Tags = ["y", "z"] }, Ct);
            await store.UpsertAsync(Entry("c", "s", 3, time) with { Tags = ["z"] }, Ct);
            await store.UpsertAsync(Entry("d", "s", 4, time) with { Tags = [] }, Ct);

            Assert.Equal(2, await store.RemoveByTagsAsync(["x", "y"], matchAll: false, Ct));

            Assert.Null(await store.GetAsync("a", Ct));
            Assert.Null(await store.GetAsync("b", Ct));
            Assert.NotNull(await store.GetAsync("c", Ct));
            Assert.NotNull(await store.GetAsync("d", Ct));
        });
    }

    [Fact]
    public virtual async Task RemoveByTagsAsync_MatchAll_RemovesOnlyEntriesWithEveryTag()
    {
        await WithStoreAsync(async (store, time) =>
        {
            await store.UpsertAsync(Entry("a", "s", 1, time) with { Tags = ["x", "y"] }, Ct);
            await store.UpsertAsync(Entry("b", "s", 2, time) with { Tags = ["x"] }, Ct);
            await store.UpsertAsync(Entry("c", "s", 3, time) with { Tags = ["y", "x", "w"] }, Ct);

            Assert.Equal(2, await store.RemoveByTagsAsync(["x", "y"], matchAll: true, Ct));

            Assert.Null(await store.GetAsync("a", Ct));
            Assert.NotNull(await store.GetAsync("b", Ct));
            Assert.Null(await store.GetAsync("c", Ct));
        });
    }

    [Fact]
    public virtual async Task RemoveByTagsAsync_NoTags_RemovesNothing()
    {
        await WithStoreAsync(async (store, time) =>
        {
            await store.UpsertAsync(Entry("a", "s", 1, time) with { Tags = ["x"] }, Ct);

            Assert.Equal(0, await store.RemoveByTagsAsync([], matchAll: false, Ct));
            Assert.Equal(0, await store.RemoveByTagsAsync([], matchAll: true, Ct));

            Assert.NotNull(await store.GetAsync("a", Ct));
        });
    }

    [Fact]
    public virtual async Task RemoveByPartitionAsync_RemovesOnlyThatPartition()
    {
        await WithStoreAsync(async (store, time) =>
        {
            await store.UpsertAsync(Entry("a", "s", 1, time) with { Partition = "tenant-1" }, Ct);
            await store.UpsertAsync(Entry("b", "s", 2, time) with { Partition = "tenant-1" }, Ct);
            await store.UpsertAsync(Entry("c", "s", 3, time) with { Partition = "tenant-2" }, Ct);
            await store.UpsertAsync(Entry("d", "s", 4, time) with { Partition = string.Empty }, Ct);

            Assert.Equal(2, await store.RemoveByPartitionAsync("tenant-1", Ct));

            Assert.Null(await store.GetAsync("a", Ct));
            Assert.Null(await store.GetAsync("b", Ct));
            Assert.NotNull(await store.GetAsync("c", Ct));
            Assert.NotNull(await store.GetAsync("d", Ct));
        });
    }

    [Fact]
    public virtual async Task ClearAsync_RemovesEverything()
    {
        await WithStoreAsync(async (store, time) =>
        {
            for (var i = 0; i < 5; i++)
            {
                await store.UpsertAsync(Entry($"k{i}", $"scope-{i % 2}", i + 1, time), Ct);
            }

            await store.ClearAsync(Ct);

            Assert.Equal(0, await store.CountAsync(Ct));
            Assert.Null(await store.GetAsync("k0", Ct));
            Assert.Empty(await store.SearchAsync("scope-0", TestVectors.Random(1, Dimensions), 10, Ct));
        });
    }

    [Fact]
    public virtual async Task CountAsync_CountsOnlyUnexpiredEntries()
    {
        await WithStoreAsync(async (store, time) =>
        {
            await store.UpsertAsync(Entry("a", "s", 1, time) with { ExpiresAt = time.GetUtcNow().AddMinutes(1) }, Ct);
            await store.UpsertAsync(Entry("b", "s", 2, time) with { ExpiresAt = null }, Ct);
            await store.UpsertAsync(Entry("c", "t", 3, time) with { ExpiresAt = time.GetUtcNow().AddHours(1) }, Ct);
            Assert.Equal(3, await store.CountAsync(Ct));

            time.Advance(TimeSpan.FromMinutes(5));

            Assert.Equal(2, await store.CountAsync(Ct));
        });
    }

    [Fact]
    public virtual async Task ConcurrentUpsertsAndReads_EveryWrittenKeyIsReadable()
    {
        await WithStoreAsync(async (store, time) =>
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
            {
                await store.UpsertAsync(Entry($"k{i}", $"scope-{i % 4}", i + 1, time), ct);
                Assert.NotNull(await store.GetAsync($"k{i}", ct));
                await store.SearchAsync($"scope-{i % 4}", TestVectors.Random(i, Dimensions), 3, ct);
            });

            Assert.Equal(64, await store.CountAsync(Ct));
            for (var i = 0; i < 64; i++)
            {
                Assert.Equal($"k{i}", (await store.GetAsync($"k{i}", Ct))!.Key);
            }
        });
    }

    /// <summary>Gets the cancellation token of the running test.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Builds a valid entry for the tests.</summary>
    protected SemanticCacheEntry Entry(string key, string scope, int seed, TimeProvider time) => new()
    {
        Key = key,
        ScopeHash = scope,
        EmbeddedText = $"prompt {key}",
        Vector = TestVectors.Random(seed, Dimensions),
        Response = Encoding.UTF8.GetBytes($"{{\"text\":\"answer {key}\"}}"),
        CreatedAt = TruncateToMilliseconds(time.GetUtcNow()),
        ExpiresAt = TruncateToMilliseconds(time.GetUtcNow().AddDays(1)),
    };

    /// <summary>Searches, retrying within <see cref="SearchConsistencyWindow"/> until <paramref name="until"/> holds.</summary>
    protected async Task<IReadOnlyList<SemanticCacheMatch>> SearchAsync(
        ISemanticCacheStore store, string scope, float[] query, int limit, Func<IReadOnlyList<SemanticCacheMatch>, bool> until)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var matches = await store.SearchAsync(scope, query, limit, Ct);
            if (until(matches) || waited.Elapsed >= SearchConsistencyWindow)
            {
                return matches;
            }

            await Task.Delay(100, Ct);
        }
    }

    private async Task WithStoreAsync(Func<ISemanticCacheStore, FakeTimeProvider, Task> test)
    {
        // The fake clock starts at the real time so that stores with server-side TTLs compute sane lifetimes.
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var store = await CreateStoreAsync(time, Dimensions);
        try
        {
            await test(store, time);
        }
        finally
        {
            await DisposeStoreAsync(store);
        }
    }

    private static void AssertSameEntry(SemanticCacheEntry expected, SemanticCacheEntry actual)
    {
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.ScopeHash, actual.ScopeHash);
        Assert.Equal(expected.Partition, actual.Partition);
        Assert.Equal(expected.EmbeddedText, actual.EmbeddedText);
        Assert.Equal(expected.FormatVersion, actual.FormatVersion);
        Assert.Equal(expected.ModelId, actual.ModelId);
        Assert.Equal(expected.Tags.Order(StringComparer.Ordinal), actual.Tags.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Response.ToArray(), actual.Response.ToArray());
        Assert.Equal(expected.CreatedAt, actual.CreatedAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(expected.ExpiresAt.HasValue, actual.ExpiresAt.HasValue);
        if (expected.ExpiresAt is { } expires)
        {
            Assert.Equal(expires, actual.ExpiresAt!.Value, TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(expected.Vector.Length, actual.Vector.Length);
        for (var i = 0; i < expected.Vector.Length; i++)
        {
            Assert.Equal(expected.Vector.Span[i], actual.Vector.Span[i], 1e-6f);
        }
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
