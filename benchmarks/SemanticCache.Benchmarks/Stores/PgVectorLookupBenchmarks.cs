using System.Globalization;
using BenchmarkDotNet.Attributes;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using SemanticCache.Benchmarks.Support;
using SemanticCache.PgVector;

namespace SemanticCache.Benchmarks.Stores;

/// <summary>
/// <see cref="PgVectorSemanticCacheStore.SearchAsync"/> against the same SQL issued directly with Npgsql (the baseline:
/// the same transaction-local settings and the same HNSW query, rows read without building entries), at 10k and 100k
/// rows of 384 dimensions, 100 scopes. Needs a server: <c>SEMANTICCACHE_TEST_POSTGRES</c>, or <c>scripts/postgres.sh start</c>.
/// Uses its own schema (<c>llm_cache_benchmark</c>) so production data is never touched.
/// </summary>
[MemoryDiagnoser]
public class PgVectorLookupBenchmarks
{
    private const int Dimensions = 384;
    private const string Scope = "scope-7";
    private NpgsqlDataSource _dataSource = null!;
    private PgVectorSemanticCacheStore _store = null!;
    private float[] _query = null!;
    private string _searchSql = null!;

    [Params(10_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = BenchmarkPostgres.ConnectionString();
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        _dataSource = builder.Build();
        var table = "lookup_" + Rows.ToString(CultureInfo.InvariantCulture);
        var options = new PgVectorSemanticCacheStoreOptions { Schema = "llm_cache_benchmark", TableName = table, Dimensions = Dimensions, SweepInterval = Timeout.InfiniteTimeSpan };
        _store = new PgVectorSemanticCacheStore(_dataSource, options);
        await _store.EnsureSchemaAsync();
        await _store.ClearAsync();

        var random = new Random(7);
        _query = BenchmarkVectors.RandomUnit(random, Dimensions);
        await using (var connection = await _dataSource.OpenConnectionAsync())
        {
            await using var import = await connection.BeginBinaryImportAsync(
                $"COPY {_store.QualifiedTableName} (key, scope_hash, partition, embedded_text, embedding, response, format_version, created_at, tags) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < Rows; i++)
            {
                await import.StartRowAsync();
                await import.WriteAsync("row-" + i.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text);
                await import.WriteAsync("scope-" + (i % 100).ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text);
                await import.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await import.WriteAsync("benchmark prompt " + i.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text);
                await import.WriteAsync(new Vector(BenchmarkVectors.RandomUnit(random, Dimensions)), "vector");
                await import.WriteAsync(ScriptedChatClientPayload, NpgsqlDbType.Bytea);
                await import.WriteAsync(SemanticCacheEntry.CurrentFormatVersion, NpgsqlDbType.Integer);
                await import.WriteAsync(DateTimeOffset.UnixEpoch.AddYears(56), NpgsqlDbType.TimestampTz);
                await import.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            }

            await import.CompleteAsync();
        }

        await using (var analyze = _dataSource.CreateCommand($"ANALYZE {_store.QualifiedTableName}"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        _searchSql = $"SELECT key, scope_hash, partition, embedded_text, embedding, response, format_version, created_at, expires_at, tags, model_id, " +
            $"embedding <=> $2 AS distance FROM {_store.QualifiedTableName} WHERE scope_hash = $3 AND (expires_at IS NULL OR expires_at > $1) " +
            "ORDER BY embedding <=> $2 LIMIT $4";
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "same SQL with Npgsql")]
    public async Task<int> RawSql()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var settings = new NpgsqlBatchCommand("SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', $2, true)");
        settings.Parameters.Add(new NpgsqlParameter { Value = "40", NpgsqlDbType = NpgsqlDbType.Text });
        settings.Parameters.Add(new NpgsqlParameter { Value = "relaxed_order", NpgsqlDbType = NpgsqlDbType.Text });
        batch.BatchCommands.Add(settings);
        var search = new NpgsqlBatchCommand(_searchSql);
        search.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UnixEpoch.AddYears(56), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        search.Parameters.Add(new NpgsqlParameter { Value = new Vector(_query), DataTypeName = "vector" });
        search.Parameters.Add(new NpgsqlParameter { Value = Scope, NpgsqlDbType = NpgsqlDbType.Text });
        search.Parameters.Add(new NpgsqlParameter { Value = 4L, NpgsqlDbType = NpgsqlDbType.Bigint });
        batch.BatchCommands.Add(search);
        await batch.PrepareAsync();
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.NextResultAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    }

    [Benchmark(Description = "PgVectorSemanticCacheStore.SearchAsync")]
    public async Task<int> StoreSearch() => (await _store.SearchAsync(Scope, _query, 4)).Count;

    private static readonly byte[] ScriptedChatClientPayload =
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ScriptedChatClient.Answer("benchmark answer"), Microsoft.Extensions.AI.AIJsonUtilities.DefaultOptions);
}
