using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace SemanticCache.PgVector.Tests;

/// <summary>The store against a real server: nearest-neighbour search.</summary>
public sealed partial class PgVectorSemanticCacheStoreTests
{
    public static TheoryData<PgVectorSimilarityFunction> SimilarityFunctions =>
    [
        PgVectorSimilarityFunction.Cosine,
        PgVectorSimilarityFunction.L2,
        PgVectorSimilarityFunction.InnerProduct,
        PgVectorSimilarityFunction.L1,
    ];

    [Theory]
    [MemberData(nameof(SimilarityFunctions))]
    public async Task SearchAsync_EachSimilarityFunction_MatchesOrderAndSimilarityComputedInCSharp(PgVectorSimilarityFunction function)
    {
        const int Dimensions = 8;
        var random = new Random(1234 + (int)function);
        var store = CreateStore(Dimensions, configure: o => o.SimilarityFunction = function);
        var vectors = new Dictionary<string, float[]>();
        for (var i = 0; i < 40; i++)
        {
            var vector = TestEntries.RandomVector(random, Dimensions);
            vectors["k" + i] = vector;
            await store.UpsertAsync(TestEntries.Create("k" + i, vector), Ct);
        }

        var query = TestEntries.RandomVector(random, Dimensions);
        var expected = vectors
            .Select(pair => (Key: pair.Key, Similarity: ExpectedSimilarity(function, query, pair.Value)))
            .OrderByDescending(x => x.Similarity)
            .Take(10)
            .ToList();

        var matches = await store.SearchAsync("scope-a", query, 10, Ct);

        Assert.Equal(expected.Select(x => x.Key), matches.Select(m => m.Entry.Key));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Similarity, matches[i].Similarity, 1e-5);
        }
    }

    [Fact]
    public async Task SearchAsync_Cosine_IdenticalVectorHasSimilarityOne()
    {
        var store = CreateStore(dimensions: 3);
        await store.UpsertAsync(TestEntries.Create("same", [1, 2, 3]), Ct);
        await store.UpsertAsync(TestEntries.Create("opposite", [-1, -2, -3]), Ct);

        var matches = await store.SearchAsync("scope-a", new float[] { 2, 4, 6 }, 5, Ct);

        Assert.Equal(["same", "opposite"], matches.Select(m => m.Entry.Key));
        Assert.Equal(1.0, matches[0].Similarity, 1e-6);
        Assert.Equal(-1.0, matches[1].Similarity, 1e-6);
    }

    [Fact]
    public async Task SearchAsync_OtherScopesAndExpiredEntries_AreNeverReturned()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestEntries.Start);
        var store = CreateStore(dimensions: 2, timeProvider: time);
        await store.UpsertAsync(TestEntries.Create("in", [1, 0.1f], scope: "mine"), Ct);
        await store.UpsertAsync(TestEntries.Create("expiring", [1, 0], scope: "mine", expiresAt: TestEntries.Start.AddMinutes(1)), Ct);
        await store.UpsertAsync(TestEntries.Create("other", [1, 0], scope: "theirs"), Ct);

        Assert.Equal(["expiring", "in"], (await store.SearchAsync("mine", new float[] { 1, 0 }, 10, Ct)).Select(m => m.Entry.Key));
        time.Advance(TimeSpan.FromMinutes(1));

        var matches = await store.SearchAsync("mine", new float[] { 1, 0 }, 10, Ct);

        Assert.Equal(["in"], matches.Select(m => m.Entry.Key));
        Assert.Empty(await store.SearchAsync("nobody", new float[] { 1, 0 }, 10, Ct));
    }

    [Fact]
    public async Task SearchAsync_LimitAboveEfSearch_ReturnsLimitCandidates()
    {
        var store = CreateStore(dimensions: 4, connectionString: HnswOnly(TestPostgres.ConnectionString), configure: o =>
        {
            o.HnswEfSearch = 1;
            o.IterativeScan = PgVectorIterativeScan.Off;
        });
        var random = new Random(7);
        for (var i = 0; i < 30; i++)
        {
            await store.UpsertAsync(TestEntries.Create("k" + i, TestEntries.RandomVector(random, 4)), Ct);
        }

        var matches = await store.SearchAsync("scope-a", TestEntries.RandomVector(random, 4), 12, Ct);

        Assert.Equal(12, matches.Count);
        Assert.True(matches.Zip(matches.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
    }

    [Fact]
    public async Task SearchAsync_ScopeAmong10000RowsOfOtherScopes_FindsTheInScopeHit()
    {
        const int Dimensions = 16;
        var store = CreateStore(Dimensions, connectionString: HnswOnly(TestPostgres.ConnectionString));
        await store.EnsureSchemaAsync(Ct);
        var random = new Random(99);
        var query = TestEntries.RandomVector(random, Dimensions);

        // 10,000 rows in other scopes, all much closer to the query than the in-scope entry: without iterative
        // scans, the index would hand back only those and the scope filter would leave nothing.
        await using (var connection = await Admin.OpenConnectionAsync(Ct))
        {
            await using var import = await connection.BeginBinaryImportAsync(
                $"COPY {store.QualifiedTableName} (key, scope_hash, partition, embedded_text, embedding, response, format_version, created_at, tags) FROM STDIN (FORMAT BINARY)",
                Ct);
            for (var i = 0; i < 10_000; i++)
            {
                var near = (float[])query.Clone();
                for (var d = 0; d < Dimensions; d++)
                {
                    near[d] += (float)((random.NextDouble() - 0.5) * 0.05);
                }

                await import.StartRowAsync(Ct);
                await import.WriteAsync("bulk" + i, NpgsqlDbType.Text, Ct);
                await import.WriteAsync("scope-" + (i % 100), NpgsqlDbType.Text, Ct);
                await import.WriteAsync(string.Empty, NpgsqlDbType.Text, Ct);
                await import.WriteAsync("bulk text", NpgsqlDbType.Text, Ct);
                await import.WriteAsync(new Vector(near), "vector", Ct);
                await import.WriteAsync(new byte[] { 1 }, NpgsqlDbType.Bytea, Ct);
                await import.WriteAsync(1, NpgsqlDbType.Integer, Ct);
                await import.WriteAsync(TestEntries.Start, NpgsqlDbType.TimestampTz, Ct);
                await import.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text, Ct);
            }

            await import.CompleteAsync(Ct);
        }

        var far = query.Select(x => -x).ToArray();
        far[0] += 0.5f;
        await store.UpsertAsync(TestEntries.Create("wanted", far, scope: "lonely-scope"), Ct);
        await TestPostgres.ExecuteAsync(Admin, $"ANALYZE {store.QualifiedTableName}");
        Assert.Equal(10_001, await store.CountAsync(Ct));

        var matches = await store.SearchAsync("lonely-scope", query, 3, Ct);
        var crowded = await store.SearchAsync("scope-7", query, 5, Ct);

        var hit = Assert.Single(matches);
        Assert.Equal("wanted", hit.Entry.Key);
        Assert.Equal(5, crowded.Count);
        Assert.All(crowded, m => Assert.Equal("scope-7", m.Entry.ScopeHash));

        // The same search without iterative scans loses the hit to post-filtering: the setup really needs them.
        await using var plain = new PgVectorSemanticCacheStore(HnswOnly(TestPostgres.ConnectionString), new PgVectorSemanticCacheStoreOptions
        {
            TableName = store.QualifiedTableName.Split('.')[1].Trim('"'),
            IterativeScan = PgVectorIterativeScan.Off,
            SweepInterval = Timeout.InfiniteTimeSpan,
        });
        Assert.Empty(await plain.SearchAsync("lonely-scope", query, 3, Ct));
    }

    [Fact]
    public async Task SearchAsync_SettingsAreTransactionLocal_PooledConnectionKeepsDefaults()
    {
        var table = TestPostgres.UniqueTableName();
        await using var dataSource = TestPostgres.CreateDataSource(configure: b =>
        {
            b.MaxPoolSize = 1;
            b.MinPoolSize = 0;
        });
        var store = new PgVectorSemanticCacheStore(dataSource, new PgVectorSemanticCacheStoreOptions
        {
            TableName = table,
            Dimensions = 2,
            HnswEfSearch = 123,
            IterativeScan = PgVectorIterativeScan.StrictOrder,
            HnswMaxScanTuples = 777,
            SweepInterval = Timeout.InfiniteTimeSpan,
        });
        _stores.Add((store, "public", table));
        await store.UpsertAsync(TestEntries.Create("k", [1, 0]), Ct);
        var backend = await TestPostgres.ScalarAsync(dataSource, "SELECT pg_backend_pid()");

        Assert.Single(await store.SearchAsync("scope-a", new float[] { 1, 0 }, 1, Ct));

        // One physical connection: the search ran on it, and it does not keep the search's settings.
        await using var connection = await dataSource.OpenConnectionAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT pg_backend_pid(), current_setting('hnsw.ef_search'), current_setting('hnsw.iterative_scan'), current_setting('hnsw.max_scan_tuples')",
            connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(backend, reader.GetInt32(0));
        Assert.Equal("40", reader.GetString(1));
        Assert.Equal("off", reader.GetString(2));
        Assert.Equal("20000", reader.GetString(3));
    }

    [Fact]
    public async Task SearchAsync_VectorOfOtherDimension_ThrowsArgumentException()
    {
        var store = CreateStore(dimensions: 4);
        await store.UpsertAsync(TestEntries.Create("k", [1, 0, 0, 0]), Ct);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SearchAsync("scope-a", new float[] { 1, 0 }, 1, Ct));
    }

    private static double ExpectedSimilarity(PgVectorSimilarityFunction function, float[] a, float[] b)
    {
        double dot = 0, normA = 0, normB = 0, l2 = 0, l1 = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
            l2 += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
            l1 += Math.Abs((double)a[i] - b[i]);
        }

        return function switch
        {
            PgVectorSimilarityFunction.Cosine => dot / Math.Sqrt(normA * normB),
            PgVectorSimilarityFunction.L2 => 1 - (l2 / 2),
            PgVectorSimilarityFunction.InnerProduct => dot,
            PgVectorSimilarityFunction.L1 => 1 / (1 + l1),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
    }

    // Session defaults that leave the planner only the HNSW index (the scope B-tree would need a sort), so that the
    // tests exercise ef_search and iterative scans rather than an exact scan of a small table.
    private static string HnswOnly(string connectionString) => connectionString + ";Options='-c enable_seqscan=off -c enable_sort=off'";
}
