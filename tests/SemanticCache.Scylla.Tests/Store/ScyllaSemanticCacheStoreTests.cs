using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SemanticCache.ConformanceTests;

namespace SemanticCache.Scylla.Tests;

public sealed class ScyllaSemanticCacheStoreTests
{
    private const int Dimensions = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InitializeAsync_ScyllaServer_CreatesATabletsKeyspaceAndAVectorIndexWithTheScopeAsFilteringColumn()
    {
        await using var peer = CqlPeer.Start(PeerFlavor.Scylla2026);
        await using var store = new ScyllaSemanticCacheStore(PeerStoreOptions.For(peer, Dimensions));

        await store.InitializeAsync(Ct);

        Assert.Equal(ScyllaDialect.Scylla, store.Dialect);
        Assert.True(store.UsesServerSideFiltering);
        Assert.Equal(
            [
                "CREATE KEYSPACE IF NOT EXISTS semantic_cache WITH replication = {'class': 'NetworkTopologyStrategy', 'replication_factor': 1} AND tablets = {'enabled': true}",
                "CREATE TABLE IF NOT EXISTS semantic_cache.cache_entries (key text PRIMARY KEY, scope_hash text, partition text, embedded_text text, embedding vector<float, 4>, response blob, format_version int, created_at timestamp, expires_at timestamp, tags list<text>, model_id text)",
                "CREATE TABLE IF NOT EXISTS semantic_cache.cache_entries_lookup (kind text, name text, key text, PRIMARY KEY ((kind, name), key))",
                "CREATE CUSTOM INDEX IF NOT EXISTS cache_entries_embedding_idx ON semantic_cache.cache_entries (embedding, scope_hash) USING 'vector_index' WITH OPTIONS = {'similarity_function': 'COSINE'}",
            ],
            peer.Engine.Ddl);
    }

    [Fact]
    public async Task InitializeAsync_Scylla2025RejectsTheFilteringColumn_CreatesThePlainIndexAndFiltersOnTheClient()
    {
        await using var peer = CqlPeer.Start(PeerFlavor.Scylla2025);
        await using var store = new ScyllaSemanticCacheStore(PeerStoreOptions.For(peer, Dimensions));

        await store.InitializeAsync(Ct);

        Assert.False(store.UsesServerSideFiltering);
        Assert.Equal(
            "CREATE CUSTOM INDEX IF NOT EXISTS cache_entries_embedding_idx ON semantic_cache.cache_entries (embedding) USING 'vector_index' WITH OPTIONS = {'similarity_function': 'COSINE'}",
            peer.Engine.Ddl.Last());
    }

    [Fact]
    public async Task InitializeAsync_CassandraServer_CreatesSaiIndexesOnTheVectorAndTheScope()
    {
        await using var peer = CqlPeer.Start(PeerFlavor.Cassandra5);
        var options = PeerStoreOptions.For(peer, Dimensions);
        options.SimilarityFunction = ScyllaSimilarityFunction.DotProduct;
        await using var store = new ScyllaSemanticCacheStore(options);

        await store.InitializeAsync(Ct);

        Assert.Equal(ScyllaDialect.Cassandra, store.Dialect);
        Assert.True(store.UsesServerSideFiltering);
        var ddl = peer.Engine.Ddl.ToList();
        Assert.Equal("CREATE KEYSPACE IF NOT EXISTS semantic_cache WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", ddl[0]);
        Assert.Equal(
            "CREATE CUSTOM INDEX IF NOT EXISTS cache_entries_embedding_idx ON semantic_cache.cache_entries (embedding) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'DOT_PRODUCT'}",
            ddl[3]);
        Assert.Equal("CREATE CUSTOM INDEX IF NOT EXISTS cache_entries_scope_idx ON semantic_cache.cache_entries (scope_hash) USING 'StorageAttachedIndex'", ddl[4]);
    }

    [Fact]
    public async Task InitializeAsync_ExplicitDialectAndServerSideFilteringOff_AreHonoured()
    {
        await using var peer = CqlPeer.Start(PeerFlavor.Cassandra5);
        var options = PeerStoreOptions.For(peer, Dimensions);
        options.Dialect = ScyllaDialect.Cassandra;
        options.ServerSideFiltering = false;
        options.ReplicationStrategy = ScyllaReplicationStrategy.NetworkTopologyStrategy;
        options.DataCenterReplicationFactors["dc1"] = 3;
        await using var store = new ScyllaSemanticCacheStore(options);

        await store.InitializeAsync(Ct);

        Assert.False(store.UsesServerSideFiltering);
        Assert.DoesNotContain(peer.Engine.Ddl, d => d.Contains("scope_idx", StringComparison.Ordinal));
        Assert.Equal("CREATE KEYSPACE IF NOT EXISTS semantic_cache WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}", peer.Engine.Ddl.First());
    }

    [Fact]
    public async Task InitializeAsync_CalledTwice_IsIdempotent()
    {
        await using var peer = CqlPeer.Start();
        await using var first = new ScyllaSemanticCacheStore(PeerStoreOptions.For(peer, Dimensions));
        await using var second = new ScyllaSemanticCacheStore(PeerStoreOptions.For(peer, Dimensions));

        await first.InitializeAsync(Ct);
        await second.InitializeAsync(Ct);

        Assert.Equal(8, peer.Engine.Ddl.Count); // every statement is IF NOT EXISTS; the engine answered Void the second time
    }

    [Fact]
    public async Task SearchAsync_ServerSideFiltering_BindsTheScopeAndAsksForTwiceTheLimit()
    {
        await using var peer = CqlPeer.Start(PeerFlavor.Scylla2026);
        await using var store = await StartAsync(peer);
        await store.UpsertAsync(Entry("k1", "scope-a", TestVectors.Random(1, Dimensions)), Ct);

        var matches = await store.SearchAsync("scope-a", TestVectors.Random(1, Dimensions), 3, Ct);

        Assert.Single(matches);
        Assert.Equal(
            "SELECT key, scope_hash, partition, embedded_text, embedding, response, format_version, created_at, expires_at, tags, model_id FROM semantic_cache.cache_entries WHERE scope_hash = ? ORDER BY embedding ANN OF ? LIMIT ? ALLOW FILTERING",
            peer.Engine.AnnQueries.Last());
        Assert.Equal(6, peer.Engine.AnnLimits.Last());
        Assert.Equal((int)ScyllaConsistency.LocalOne, peer.ReceivedWithOpcode(0x0A).Last().Consistency);
    }

    [Fact]
    public async Task SearchAsync_ClientSideFiltering_OversamplesAndDropsOtherScopes()
    {
        await using var peer = CqlPeer.Start(PeerFlavor.Scylla2025);
        await using var store = await StartAsync(peer);
        var query = TestVectors.Random(1, Dimensions);
        await store.UpsertAsync(Entry("other", "scope-b", query), Ct);
        await store.UpsertAsync(Entry("mine", "scope-a", TestVectors.Near(query, 0.7, 2)), Ct);

        var matches = await store.SearchAsync("scope-a", query, 3, Ct);

        Assert.Equal(["mine"], matches.Select(m => m.Entry.Key));
        Assert.Equal(30, peer.Engine.AnnLimits.Last());
        Assert.DoesNotContain("WHERE", peer.Engine.AnnQueries.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_LargeLimit_CapsTheAnnLimitAt1000()
    {
        await using var peer = CqlPeer.Start(PeerFlavor.Scylla2025);
        await using var store = await StartAsync(peer);

        await store.SearchAsync("scope-a", TestVectors.Random(1, Dimensions), 500, Ct);

        Assert.Equal(1000, peer.Engine.AnnLimits.Last());
    }

    [Fact]
    public async Task SearchAsync_ZeroLimit_ReturnsNothingWithoutQuerying()
    {
        await using var peer = CqlPeer.Start();
        await using var store = await StartAsync(peer);
        int before = peer.Engine.AnnLimits.Count; // the readiness probe

        Assert.Empty(await store.SearchAsync("scope-a", TestVectors.Random(1, Dimensions), 0, Ct));
        Assert.Equal(before, peer.Engine.AnnLimits.Count);
    }

    [Fact]
    public async Task SearchAsync_WrongDimension_Throws()
    {
        await using var peer = CqlPeer.Start();
        await using var store = await StartAsync(peer);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SearchAsync("s", new float[Dimensions + 1], 1, Ct).AsTask());
    }

    [Fact]
    public async Task SearchAsync_IndexNotReadyAtFirst_WaitsUntilItAnswers()
    {
        await using var peer = CqlPeer.Start();
        peer.Engine.NotReadyAnnQueries = 3;
        await using var store = new ScyllaSemanticCacheStore(PeerStoreOptions.For(peer, Dimensions));
        await store.UpsertAsync(Entry("k1", "scope-a", TestVectors.Random(1, Dimensions)), Ct);

        var matches = await store.SearchAsync("scope-a", TestVectors.Random(1, Dimensions), 1, Ct);

        Assert.Single(matches);
        Assert.Equal(0, peer.Engine.NotReadyAnnQueries);
    }

    [Fact]
    public async Task SearchAsync_IndexNeverReady_FailsWithTheFriendlyMessageWhileExactLookupsWork()
    {
        await using var peer = CqlPeer.Start();
        peer.Engine.NotReadyAnnQueries = int.MaxValue;
        var options = PeerStoreOptions.For(peer, Dimensions);
        options.IndexReadyTimeout = TimeSpan.FromMilliseconds(400);
        await using var store = new ScyllaSemanticCacheStore(options);
        await store.UpsertAsync(Entry("k1", "scope-a", TestVectors.Random(1, Dimensions)), Ct);

        var exception = await Assert.ThrowsAsync<ScyllaIndexNotReadyException>(() =>
            store.SearchAsync("scope-a", TestVectors.Random(1, Dimensions), 1, Ct).AsTask());

        Assert.Equal("Vector index not ready yet. Try again in a few seconds.", exception.Message);
        var cause = Assert.IsType<ScyllaServerException>(exception.InnerException);
        Assert.StartsWith("Vector Store error: HTTP status 503", cause.ServerMessage, StringComparison.Ordinal);
        Assert.NotNull(await store.GetAsync("k1", Ct));

        // Once the index answers, the next search succeeds.
        peer.Engine.NotReadyAnnQueries = 0;
        Assert.Single(await store.SearchAsync("scope-a", TestVectors.Random(1, Dimensions), 1, Ct));
    }

    [Fact]
    public async Task InitializeAsync_IndexNeverReady_ThrowsTheFriendlyMessage()
    {
        await using var peer = CqlPeer.Start();
        peer.Engine.NotReadyAnnQueries = int.MaxValue;
        var options = PeerStoreOptions.For(peer, Dimensions);
        options.IndexReadyTimeout = TimeSpan.Zero;
        await using var store = new ScyllaSemanticCacheStore(options);

        await Assert.ThrowsAsync<ScyllaIndexNotReadyException>(() => store.InitializeAsync(Ct));
    }

    [Fact]
    public async Task SearchAsync_VectorStoreDisabled_ExplainsThatVectorSearchIsACloudFeature()
    {
        await using var peer = CqlPeer.Start();
        peer.Engine.VectorStoreDisabled = true;
        await using var store = new ScyllaSemanticCacheStore(PeerStoreOptions.For(peer, Dimensions));

        var exception = await Assert.ThrowsAsync<ScyllaException>(() =>
            store.SearchAsync("scope-a", TestVectors.Random(1, Dimensions), 1, Ct).AsTask());

        Assert.Contains("ScyllaDB Cloud", exception.Message, StringComparison.Ordinal);
        Assert.Equal("Vector Store is disabled", Assert.IsType<ScyllaServerException>(exception.InnerException).ServerMessage);
    }

    [Fact]
    public async Task SearchAsync_ServerRejectsFilteringAtRunTime_FallsBackToClientSideFilteringOnce()
    {
        await using var peer = CqlPeer.Start(PeerFlavor.Scylla2025);
        await using (var creator = await StartAsync(peer))
        {
            await creator.UpsertAsync(Entry("k1", "scope-a", TestVectors.Random(1, Dimensions)), Ct);
        }

        var options = PeerStoreOptions.For(peer, Dimensions);
        options.CreateSchema = false;
        var logger = new FakeLogger<ScyllaSemanticCacheStore>();
        using var loggerFactory = new SingleLoggerFactory(logger);
        await using var store = new ScyllaSemanticCacheStore(options, loggerFactory: loggerFactory);
        await store.InitializeAsync(Ct);
        Assert.True(store.UsesServerSideFiltering);

        var first = await store.SearchAsync("scope-a", TestVectors.Random(1, Dimensions), 1, Ct);
        var second = await store.SearchAsync("scope-a", TestVectors.Random(1, Dimensions), 1, Ct);

        Assert.Single(first);
        Assert.Single(second);
        Assert.False(store.UsesServerSideFiltering);
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 6124 && r.Level == LogLevel.Warning);
    }

    [Theory]
    [InlineData(ScyllaSimilarityFunction.DotProduct)]
    [InlineData(ScyllaSimilarityFunction.Euclidean)]
    public async Task SearchAsync_OtherSimilarityFunctions_ReportTheDocumentedSimilarity(ScyllaSimilarityFunction function)
    {
        await using var peer = CqlPeer.Start();
        var options = PeerStoreOptions.For(peer, 2);
        options.SimilarityFunction = function;
        await using var store = new ScyllaSemanticCacheStore(options);
        float[] stored = [0.6f, 0.8f];
        float[] query = [1f, 0f];
        await store.UpsertAsync(Entry("k1", "s", stored), Ct);

        var match = Assert.Single(await store.SearchAsync("s", query, 1, Ct));

        double expected = function == ScyllaSimilarityFunction.DotProduct
            ? 0.6
            : 1 / (1 + (0.4 * 0.4) + (0.8 * 0.8));
        Assert.Equal(expected, match.Similarity, 1e-6);
        Assert.Contains(ScyllaStatements.SimilarityFunctionName(function), peer.Engine.Ddl.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_BindsTheRemainingLifetimeAsTtl()
    {
        await using var peer = CqlPeer.Start();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var store = await StartAsync(peer, time);
        var now = time.GetUtcNow();

        await store.UpsertAsync(Entry("a", "s", TestVectors.Random(1, Dimensions)) with { ExpiresAt = now.AddSeconds(90.2) }, Ct);
        await store.UpsertAsync(Entry("b", "s", TestVectors.Random(1, Dimensions)) with { ExpiresAt = null }, Ct);
        await store.UpsertAsync(Entry("c", "s", TestVectors.Random(1, Dimensions)) with { ExpiresAt = now.AddMinutes(-1) }, Ct);
        await store.UpsertAsync(Entry("d", "s", TestVectors.Random(1, Dimensions)) with { ExpiresAt = now.AddYears(30) }, Ct);

        // Each upsert binds its TTL twice: the lookup rows first, then the entry.
        var ttls = peer.Engine.Ttls.ToList();
        Assert.Equal([91, 91, 0, 0, 1, 1, 0, 0], ttls);
        Assert.Null(await store.GetAsync("c", Ct));
        Assert.NotNull(await store.GetAsync("d", Ct));
    }

    [Fact]
    public async Task UpsertAsync_WritesLookupRowsBeforeTheEntryInOneUnloggedBatch()
    {
        await using var peer = CqlPeer.Start();
        await using var store = await StartAsync(peer);
        int before = peer.Received.Count;

        await store.UpsertAsync(Entry("k", "s", TestVectors.Random(1, Dimensions)) with { Tags = ["x", "y", "x"], Partition = "p" }, Ct);

        var requests = peer.Received.Skip(before).Where(r => r.Opcode is 0x0A or 0x0D).ToList();
        Assert.Equal([0x0D, 0x0A], requests.Select(r => r.Opcode));
        Assert.Equal(1, requests[0].BatchType);
        Assert.Equal(3, requests[0].BatchStatements.Count); // the partition and two distinct tags
        Assert.Equal(3, peer.Engine.CountRows("semantic_cache", "cache_entries_lookup"));
        Assert.Equal((int)ScyllaConsistency.LocalQuorum, requests[1].Consistency);
    }

    [Fact]
    public async Task UpsertAsync_InvalidEntries_AreRejected()
    {
        await using var peer = CqlPeer.Start();
        await using var store = await StartAsync(peer);

        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(Entry("k", "s", new float[Dimensions + 1]), Ct).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(Entry("k", "s", TestVectors.Random(1, Dimensions)) with { Tags = [""] }, Ct).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(Entry(string.Empty, "s", TestVectors.Random(1, Dimensions)), Ct).AsTask());
    }

    [Fact]
    public async Task RemoveByTagsAsync_StaleLookupRowOfAReplacedEntry_IsNotCountedAndIsCleanedUp()
    {
        await using var peer = CqlPeer.Start();
        await using var store = await StartAsync(peer);
        await store.UpsertAsync(Entry("k", "s", TestVectors.Random(1, Dimensions)) with { Tags = ["old"] }, Ct);
        await store.UpsertAsync(Entry("k", "s", TestVectors.Random(1, Dimensions)) with { Tags = ["new"] }, Ct);

        Assert.Equal(0, await store.RemoveByTagsAsync(["old"], matchAll: false, Ct));

        Assert.NotNull(await store.GetAsync("k", Ct));
        Assert.Equal(2, peer.Engine.CountRows("semantic_cache", "cache_entries_lookup")); // the partition row and "new"
        Assert.Equal(1, await store.RemoveByTagsAsync(["new"], matchAll: true, Ct));
        Assert.Equal(0, peer.Engine.CountRows("semantic_cache", "cache_entries_lookup"));
    }

    [Fact]
    public async Task RemoveByPartitionAsync_EntryMovedToAnotherPartition_IsKept()
    {
        await using var peer = CqlPeer.Start();
        await using var store = await StartAsync(peer);
        await store.UpsertAsync(Entry("k", "s", TestVectors.Random(1, Dimensions)) with { Partition = "t1" }, Ct);
        await store.UpsertAsync(Entry("k", "s", TestVectors.Random(1, Dimensions)) with { Partition = "t2" }, Ct);

        Assert.Equal(0, await store.RemoveByPartitionAsync("t1", Ct));
        Assert.Equal(1, await store.RemoveByPartitionAsync("t2", Ct));

        Assert.Null(await store.GetAsync("k", Ct));
    }

    [Fact]
    public async Task RemoveAsync_ExpiredEntry_DeletesItButReportsNothingRemoved()
    {
        await using var peer = CqlPeer.Start();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var store = await StartAsync(peer, time);
        await store.UpsertAsync(Entry("k", "s", TestVectors.Random(1, Dimensions)) with { ExpiresAt = time.GetUtcNow().AddMinutes(1) }, Ct);
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.False(await store.RemoveAsync("k", Ct));

        Assert.Equal(0, peer.Engine.CountRows("semantic_cache", "cache_entries"));
    }

    [Fact]
    public async Task ClearAsync_DeletesEntriesAndTheirLookupRowsOneByOne()
    {
        await using var peer = CqlPeer.Start();
        await using var store = await StartAsync(peer);
        for (int i = 0; i < 20; i++)
        {
            await store.UpsertAsync(Entry($"k{i}", "s", TestVectors.Random(i + 1, Dimensions)) with { Tags = ["t"] }, Ct);
        }

        await store.ClearAsync(Ct);

        Assert.Equal(0, peer.Engine.CountRows("semantic_cache", "cache_entries"));
        Assert.Equal(0, peer.Engine.CountRows("semantic_cache", "cache_entries_lookup"));
        Assert.True(peer.ReceivedWithOpcode(0x0A).Count(r => r.PagingState is not null) >= 2, "the scan should page (page size 7)");
    }

    [Fact]
    public async Task Operations_NodeForgetsPreparedStatements_KeepWorking()
    {
        await using var peer = CqlPeer.Start();
        await using var store = await StartAsync(peer);
        await store.UpsertAsync(Entry("k", "s", TestVectors.Random(1, Dimensions)), Ct);
        int prepares = peer.ReceivedWithOpcode(0x09).Count();

        peer.Engine.ForgetPrepared();

        Assert.NotNull(await store.GetAsync("k", Ct));
        Assert.Single(await store.SearchAsync("s", TestVectors.Random(1, Dimensions), 1, Ct));
        await store.UpsertAsync(Entry("k2", "s", TestVectors.Random(2, Dimensions)), Ct);
        Assert.Equal(2, await store.CountAsync(Ct));
        Assert.True(peer.ReceivedWithOpcode(0x09).Count() > prepares);
    }

    [Fact]
    public async Task Operations_WithPasswordAuthentication_Work()
    {
        await using var peer = CqlPeer.Start();
        peer.Credentials = ("cache", "s3cret");
        var options = PeerStoreOptions.For(peer, Dimensions);
        options.Username = "cache";
        options.Password = "s3cret";
        await using var store = new ScyllaSemanticCacheStore(options);

        await store.UpsertAsync(Entry("k", "s", TestVectors.Random(1, Dimensions)), Ct);

        Assert.NotNull(await store.GetAsync("k", Ct));
    }

    [Fact]
    public async Task GetAsync_NoHostReachable_ThrowsConnectionExceptionAndRetriesOnTheNextCall()
    {
        await using var peer = CqlPeer.Start();
        await peer.StopAsync();
        await using var store = new ScyllaSemanticCacheStore(PeerStoreOptions.For(peer, Dimensions));

        await Assert.ThrowsAsync<ScyllaConnectionException>(() => store.GetAsync("k", Ct).AsTask());
        peer.Restart();

        Assert.Null(await store.GetAsync("k", Ct));
    }

    [Fact]
    public async Task Operations_AfterDispose_ThrowObjectDisposed()
    {
        await using var peer = CqlPeer.Start();
        var store = await StartAsync(peer);

        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync("k", Ct).AsTask());
        await store.DisposeAsync(); // idempotent
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsOptionsValidationExceptionListingEveryProblem()
    {
        var options = new ScyllaSemanticCacheStoreOptions { Dimensions = 0, Keyspace = "Bad-Name" };

        var exception = Assert.Throws<OptionsValidationException>(() => new ScyllaSemanticCacheStore(options));

        Assert.Equal(2, exception.Failures.Count());
    }

    [Fact]
    public async Task Constructor_CopiesTheOptions_LaterChangesHaveNoEffect()
    {
        await using var peer = CqlPeer.Start();
        var options = PeerStoreOptions.For(peer, Dimensions);
        await using var store = new ScyllaSemanticCacheStore(options);

        options.Table = "changed";
        await store.InitializeAsync(Ct);

        Assert.Contains(peer.Engine.Ddl, d => d.Contains("semantic_cache.cache_entries ", StringComparison.Ordinal));
        Assert.DoesNotContain(peer.Engine.Ddl, d => d.Contains("changed", StringComparison.Ordinal));
    }

    private static async Task<ScyllaSemanticCacheStore> StartAsync(CqlPeer peer, TimeProvider? time = null)
    {
        var store = new ScyllaSemanticCacheStore(PeerStoreOptions.For(peer, Dimensions), time);
        await store.InitializeAsync(Ct);
        return store;
    }

    private static SemanticCacheEntry Entry(string key, string scope, float[] vector) => new()
    {
        Key = key,
        ScopeHash = scope,
        EmbeddedText = $"prompt {key}",
        Vector = vector,
        Response = Encoding.UTF8.GetBytes("{}"),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
    };
}
