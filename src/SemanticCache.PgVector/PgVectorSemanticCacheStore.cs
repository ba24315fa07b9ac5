using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace SemanticCache.PgVector;

/// <summary>
/// A semantic cache store in a PostgreSQL table with a pgvector HNSW index: nearest-neighbour search within a scope,
/// exact lookups by key, tags, partitions and TTL with a background sweeper.
/// </summary>
/// <remarks>
/// <para>
/// <b>Thread safety:</b> all members are safe for concurrent use; each operation takes its own pooled connection.
/// <b>Persistence:</b> entries are rows of the configured table and survive restarts of the application and of the
/// server; the store holds no state of its own besides the table's dimension.
/// </para>
/// <para>
/// The table, its indexes and the <c>vector</c> extension are created on first use (or by
/// <see cref="EnsureSchemaAsync"/>) when <see cref="PgVectorSemanticCacheStoreOptions.CreateSchema"/> is on. An
/// existing table of another dimension or schema version is never altered: the store throws
/// <see cref="InvalidOperationException"/> instead. Requires pgvector 0.8.0 or later (iterative index scans).
/// </para>
/// <para>
/// Every statement is prepared, and each search sets <c>hnsw.ef_search</c> and <c>hnsw.iterative_scan</c> for its own
/// transaction only. Expiry is checked against <see cref="TimeProvider"/>, never the server clock. Npgsql discards
/// connections the server closed, so after a server restart the same store works again without being recreated.
/// </para>
/// </remarks>
public sealed class PgVectorSemanticCacheStore : ISemanticCacheStore, ISemanticCacheHitRecorder, IAsyncDisposable, IDisposable
{
    private static readonly Version MinimumPgVector = new(0, 8, 0);
    private static readonly Version RecommendedPgVector = new(0, 8, 4);

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PgVectorSql _sql;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly int? _configuredDimensions;
    private readonly bool _createSchema;
    private readonly int _efSearch;
    private readonly string _iterativeScan;
    private readonly string _maxScanTuples;
    private readonly int _sweepBatchSize;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly Task _sweeper;
    private volatile bool _ready;
    private int _dimensions;
    private int _disposed;

    /// <summary>
    /// Initializes a new instance of the <see cref="PgVectorSemanticCacheStore"/> class that builds (and owns) a data
    /// source from a connection string.
    /// </summary>
    /// <param name="connectionString">
    /// An Npgsql connection string. Unless it says otherwise, the pool holds at most 10 and keeps at least 2 connections
    /// (<c>Maximum Pool Size</c>, <c>Minimum Pool Size</c>).
    /// </param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for expiry and the sweeper, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">The logger factory for the store and Npgsql, or <see langword="null"/> for no logging.</param>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or not a valid connection string.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public PgVectorSemanticCacheStore(
        string connectionString,
        PgVectorSemanticCacheStoreOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(BuildDataSource(connectionString, loggerFactory), ownsDataSource: true, options, timeProvider, loggerFactory, generatorDimensions: null)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="PgVectorSemanticCacheStore"/> class on a data source that the
    /// caller owns (the store never disposes it).
    /// </summary>
    /// <param name="dataSource">The data source; it must be built with <c>NpgsqlDataSourceBuilder.UseVector()</c>.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for expiry and the sweeper, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">The logger factory for the store, or <see langword="null"/> for no logging.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public PgVectorSemanticCacheStore(
        NpgsqlDataSource dataSource,
        PgVectorSemanticCacheStoreOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, options, timeProvider, loggerFactory, generatorDimensions: null)
    {
    }

    internal PgVectorSemanticCacheStore(
        NpgsqlDataSource dataSource,
        bool ownsDataSource,
        PgVectorSemanticCacheStoreOptions? options,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        int? generatorDimensions)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        try
        {
            options ??= new PgVectorSemanticCacheStoreOptions();
            PgVectorSemanticCacheStoreOptionsValidator.ThrowIfInvalid(options);
            if (options.Dimensions is { } configured && generatorDimensions is { } generated && configured != generated)
            {
                throw new InvalidOperationException(
                    $"{nameof(PgVectorSemanticCacheStoreOptions)}.{nameof(PgVectorSemanticCacheStoreOptions.Dimensions)} is {configured} " +
                    $"but the embedding generator produces {generated}-dimensional vectors. Remove the option or make them agree.");
            }
        }
        catch
        {
            if (ownsDataSource)
            {
                dataSource.Dispose();
            }

            throw;
        }

        _sql = new PgVectorSql(options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory?.CreateLogger<PgVectorSemanticCacheStore>() ?? NullLogger<PgVectorSemanticCacheStore>.Instance;
        _configuredDimensions = options.Dimensions ?? generatorDimensions;
        _createSchema = options.CreateSchema;
        _efSearch = options.HnswEfSearch;
        _iterativeScan = PgVectorSql.IterativeScanSetting(options.IterativeScan);
        _maxScanTuples = options.HnswMaxScanTuples?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        _sweepBatchSize = options.SweepBatchSize;
        _sweeper = options.SweepInterval == Timeout.InfiniteTimeSpan
            ? Task.CompletedTask
            : SweepPeriodicallyAsync(options.SweepInterval, _disposing.Token);
    }

    /// <summary>Gets the number of dimensions of the table's <c>vector(N)</c> column, once known.</summary>
    /// <value>
    /// <see langword="null"/> until the table was verified or created (on first use or by <see cref="EnsureSchemaAsync"/>).
    /// </value>
    public int? Dimensions => _ready ? Volatile.Read(ref _dimensions) : null;

    /// <summary>Gets the schema-qualified, quoted name of the cache table, as it appears in the store's SQL.</summary>
    public string QualifiedTableName => _sql.QualifiedTable;

    /// <summary>
    /// Creates the <c>vector</c> extension, the schema, the table and its indexes when they are missing, and verifies
    /// an existing table. Every operation does this on first use; call it to fail fast at start-up.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the table exists and matches the options.</returns>
    /// <exception cref="InvalidOperationException">
    /// The table exists with another dimension or schema version, was not created by this package, or cannot be created
    /// (the dimension is not known yet, the role lacks a privilege, or pgvector is missing).
    /// </exception>
    /// <exception cref="NotSupportedException">The server's pgvector is older than 0.8.0.</exception>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (!await EnsureReadyAsync(writeDimensions: null, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"The table {_sql.QualifiedTable} does not exist and its vector dimension is not known yet: set " +
                $"{nameof(PgVectorSemanticCacheStoreOptions)}.{nameof(PgVectorSemanticCacheStoreOptions.Dimensions)}, use an embedding " +
                "generator that reports its dimensions, or let the first written entry create the table.");
        }
    }

    /// <inheritdoc />
    public async ValueTask<SemanticCacheEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfDisposed();
        if (!await EnsureReadyAsync(null, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(_sql.Get, connection);
            command.Parameters.Add(Now());
            command.Parameters.Add(Text(key));
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Uses the HNSW index with <c>hnsw.ef_search</c> = max(<see cref="PgVectorSemanticCacheStoreOptions.HnswEfSearch"/>, k)
    /// and the configured iterative scan, set for this query's transaction only; the scope and expiry filters therefore
    /// do not lose hits to post-filtering. Similarity is computed from the distance as documented on
    /// <see cref="PgVectorSimilarityFunction"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The vector's dimension differs from the table's.</exception>
    public async ValueTask<IReadOnlyList<SemanticCacheMatch>> SearchAsync(
        string scopeHash, ReadOnlyMemory<float> vector, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopeHash);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ThrowIfInvalidVector(vector.Span, nameof(vector));
        ThrowIfDisposed();
        if (!await EnsureReadyAsync(null, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        ThrowIfWrongDimension(vector.Length, nameof(vector));
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One round trip, one implicit transaction (the batch ends with a single Sync): the settings made by
            // set_config(..., true) apply to the search and are gone before the connection returns to the pool.
            using var batch = new NpgsqlBatch(connection);
            var settings = new NpgsqlBatchCommand(PgVectorSql.SearchSettings);
            settings.Parameters.Add(Text(Math.Min(Math.Max(_efSearch, limit), 1000).ToString(CultureInfo.InvariantCulture)));
            settings.Parameters.Add(Text(_iterativeScan));
            settings.Parameters.Add(Text(_maxScanTuples));
            batch.BatchCommands.Add(settings);
            var search = new NpgsqlBatchCommand(_sql.Search);
            search.Parameters.Add(Now());
            search.Parameters.Add(VectorParameter(vector));
            search.Parameters.Add(Text(scopeHash));
            search.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Bigint });
            batch.BatchCommands.Add(search);
            await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);

            var matches = new List<SemanticCacheMatch>(Math.Min(limit, 64));
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var entry = ReadEntry(reader);
                    matches.Add(new SemanticCacheMatch(entry, _sql.ToSimilarity(reader.GetDouble(11))));
                }
            }

            // relaxed_order may return rows slightly out of order.
            matches.Sort(static (a, b) => b.Similarity.CompareTo(a.Similarity));
            return matches;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The first write creates the table when its dimension was not known before (from the options, the embedding
    /// generator or an existing table). Replacing an entry resets its hit count.
    /// </remarks>
    /// <exception cref="ArgumentException">The entry's vector is empty, not finite, or of another dimension than the table's.</exception>
    public async ValueTask UpsertAsync(SemanticCacheEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(entry.Key, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.ScopeHash, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.Partition, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.EmbeddedText, nameof(entry));
        ThrowIfInvalidVector(entry.Vector.Span, nameof(entry));
        ThrowIfDisposed();
        if (entry.Vector.Length > PgVectorSemanticCacheStoreOptionsValidator.MaxIndexedDimensions && !_ready && _configuredDimensions is null)
        {
            throw new ArgumentException(
                $"The entry's vector has {entry.Vector.Length} dimensions; pgvector's HNSW index supports at most " +
                $"{PgVectorSemanticCacheStoreOptionsValidator.MaxIndexedDimensions}.", nameof(entry));
        }

        await EnsureReadyAsync(entry.Vector.Length, cancellationToken).ConfigureAwait(false);
        ThrowIfWrongDimension(entry.Vector.Length, nameof(entry));
        var tags = entry.Tags as string[] ?? [.. entry.Tags];
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(_sql.Upsert, connection);
            command.Parameters.Add(Text(entry.Key));
            command.Parameters.Add(Text(entry.ScopeHash));
            command.Parameters.Add(Text(entry.Partition));
            command.Parameters.Add(Text(entry.EmbeddedText));
            command.Parameters.Add(VectorParameter(entry.Vector));
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = entry.Response, NpgsqlDbType = NpgsqlDbType.Bytea });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.FormatVersion, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(Timestamp(entry.CreatedAt));
            command.Parameters.Add(entry.ExpiresAt is { } expiresAt
                ? Timestamp(expiresAt)
                : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tags, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.ModelId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await ExecuteAsync(_sql.Remove, Text(key), cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    /// <remarks>Served by the GIN index on <c>tags</c> (<c>&amp;&amp;</c> for any, <c>@&gt;</c> for all).</remarks>
    public async ValueTask<long> RemoveByTagsAsync(IReadOnlyCollection<string> tags, bool matchAll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count == 0)
        {
            ThrowIfDisposed();
            return 0;
        }

        var values = tags.ToArray();
        foreach (var tag in values)
        {
            ArgumentNullException.ThrowIfNull(tag, nameof(tags));
        }

        var parameter = new NpgsqlParameter<string[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
        return await ExecuteAsync(matchAll ? _sql.RemoveByAllTags : _sql.RemoveByAnyTag, parameter, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> RemoveByPartitionAsync(string partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return await ExecuteAsync(_sql.RemoveByPartition, Text(partition), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Deletes every row (<c>DELETE</c>, not <c>TRUNCATE</c>: it needs no extra privilege and blocks no concurrent reader).</remarks>
    public async ValueTask ClearAsync(CancellationToken cancellationToken = default) =>
        await ExecuteAsync(_sql.Clear, parameter: null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (!await EnsureReadyAsync(null, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(_sql.Count, connection);
            command.Parameters.Add(Now());
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <summary>Counts one hit of an entry: increments its <c>hit_count</c> and sets <c>last_hit_at</c> to the current time.</summary>
    /// <param name="key">The exact key of the entry.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when an unexpired entry with that key exists.</returns>
    public async ValueTask<bool> RecordHitAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfDisposed();
        if (!await EnsureReadyAsync(null, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(_sql.RecordHit, connection);
            command.Parameters.Add(Now());
            command.Parameters.Add(Text(key));
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    /// <summary>
    /// Deletes the rows that have expired at the current time, in batches of
    /// <see cref="PgVectorSemanticCacheStoreOptions.SweepBatchSize"/> (<c>FOR UPDATE SKIP LOCKED</c>, one short
    /// transaction per batch). The background sweeper calls it every
    /// <see cref="PgVectorSemanticCacheStoreOptions.SweepInterval"/>.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests; a cancelled sweep keeps the batches already deleted.</param>
    /// <returns>The number of rows deleted.</returns>
    public ValueTask<long> SweepExpiredAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return SweepCoreAsync(cancellationToken);
    }

    /// <summary>Stops the sweeper and, when the store built its data source from a connection string, disposes it.</summary>
    /// <returns>A task that completes when the sweeper has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        await _sweeper.ConfigureAwait(false);
        _disposing.Dispose();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the sweeper and, when the store built its data source from a connection string, disposes it.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async ValueTask<long> SweepCoreAsync(CancellationToken cancellationToken)
    {
        if (!await EnsureReadyAsync(null, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var now = _timeProvider.GetUtcNow();
        long total = 0;
        int deleted;
        do
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = new NpgsqlCommand(_sql.Sweep, connection);
                command.Parameters.Add(Timestamp(now));
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _sweepBatchSize, NpgsqlDbType = NpgsqlDbType.Bigint });
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
                deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            total += deleted;
        }
        while (deleted >= _sweepBatchSize);

        return total;
    }

    internal static NpgsqlDataSource BuildDataSource(string connectionString, ILoggerFactory? loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!HasAnyKey(given, "maximumpoolsize", "maxpoolsize"))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = 10;
        }

        if (!HasAnyKey(given, "minimumpoolsize", "minpoolsize"))
        {
            builder.ConnectionStringBuilder.MinPoolSize = 2;
        }

        builder.UseVector();
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return builder.Build();

        static bool HasAnyKey(DbConnectionStringBuilder given, params string[] keys)
        {
            foreach (string key in given.Keys)
            {
                if (keys.Contains(key.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static void ThrowIfInvalidVector(ReadOnlySpan<float> vector, string parameterName)
    {
        if (vector.IsEmpty)
        {
            throw new ArgumentException("The vector is empty.", parameterName);
        }

        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException("The vector contains a NaN or infinite value; pgvector stores finite values only.", parameterName);
            }
        }
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) =>
        new() { TypedValue = value.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static NpgsqlParameter<Vector> VectorParameter(ReadOnlyMemory<float> vector) =>
        new() { TypedValue = new Vector(vector), DataTypeName = "vector" };

    private static SemanticCacheEntry ReadEntry(NpgsqlDataReader reader) => new()
    {
        Key = reader.GetString(0),
        ScopeHash = reader.GetString(1),
        Partition = reader.GetString(2),
        EmbeddedText = reader.GetString(3),
        Vector = reader.GetFieldValue<Vector>(4).Memory,
        Response = reader.GetFieldValue<byte[]>(5),
        FormatVersion = reader.GetInt32(6),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
        ExpiresAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        Tags = reader.GetFieldValue<string[]>(9),
        ModelId = reader.IsDBNull(10) ? null : reader.GetString(10),
    };

    private static Version ParseVersion(string text)
    {
        // extversion is "0.8.0"; tolerate suffixes such as "0.9.0-dev".
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        return Version.TryParse(text[..end], out var version) ? version : new Version(0, 0);
    }

    private NpgsqlParameter<DateTimeOffset> Now() => Timestamp(_timeProvider.GetUtcNow());

    private async ValueTask<long> ExecuteAsync(string sql, NpgsqlParameter? parameter, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (!await EnsureReadyAsync(null, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            if (parameter is not null)
            {
                command.Parameters.Add(parameter);
            }

            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private void ThrowIfWrongDimension(int length, string parameterName)
    {
        var dimensions = Volatile.Read(ref _dimensions);
        if (length != dimensions)
        {
            throw new ArgumentException(
                $"The vector has {length} dimensions but the table {_sql.QualifiedTable} stores vector({dimensions}). " +
                "An embedding model change needs another table (TableName) or a dropped table.",
                parameterName);
        }
    }

    /// <summary>Verifies or creates the table once; returns whether it exists (it may wait for the first write's dimension).</summary>
    private async ValueTask<bool> EnsureReadyAsync(int? writeDimensions, CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return true;
        }

        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await InitializeAsync(writeDimensions, cancellationToken).ConfigureAwait(false);
            }

            return _ready;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private async Task InitializeAsync(int? writeDimensions, CancellationToken cancellationToken)
    {
        await EnsureExtensionAsync(cancellationToken).ConfigureAwait(false);

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ProbeVectorMappingAsync(connection, cancellationToken).ConfigureAwait(false);
            if (await DescribeTableAsync(connection, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                await AdoptTableAsync(connection, existing, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!_createSchema)
            {
                throw new InvalidOperationException(
                    $"The table {_sql.QualifiedTable} does not exist and {nameof(PgVectorSemanticCacheStoreOptions)}." +
                    $"{nameof(PgVectorSemanticCacheStoreOptions.CreateSchema)} is off. Create it with the DDL in the package README.");
            }

            if ((_configuredDimensions ?? writeDimensions) is not { } dimensions)
            {
                return;
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteDdlAsync(connection, PgVectorSql.SchemaLock, Text($"SemanticCache.PgVector:{_sql.Schema}.{_sql.Table}"), cancellationToken).ConfigureAwait(false);

                // Another process may have created the table while this one waited for the lock.
                if (await DescribeTableAsync(connection, cancellationToken).ConfigureAwait(false) is { } created)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    await AdoptTableAsync(connection, created, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (!await SchemaExistsAsync(connection, cancellationToken).ConfigureAwait(false))
                {
                    // CREATE SCHEMA IF NOT EXISTS is not safe against itself: two stores creating different tables in
                    // a new schema at once fail with a duplicate key on pg_namespace. The schema lock is taken after
                    // the table lock by everyone, so the two locks cannot deadlock.
                    await ExecuteDdlAsync(connection, PgVectorSql.SchemaLock, Text($"SemanticCache.PgVector.schema:{_sql.Schema}"), cancellationToken).ConfigureAwait(false);
                    if (!await SchemaExistsAsync(connection, cancellationToken).ConfigureAwait(false))
                    {
                        await ExecuteDdlAsync(connection, _sql.CreateSchema, null, cancellationToken).ConfigureAwait(false);
                    }
                }

                await ExecuteDdlAsync(connection, _sql.CreateTable(dimensions), null, cancellationToken).ConfigureAwait(false);
                await ExecuteDdlAsync(connection, _sql.CommentTable(), null, cancellationToken).ConfigureAwait(false);
                foreach (var (_, ddl) in _sql.CreateIndexes)
                {
                    await ExecuteDdlAsync(connection, ddl, null, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            _logger.TableCreated(_sql.QualifiedTable, dimensions, _sql.Function);
            Volatile.Write(ref _dimensions, dimensions);
            _ready = true;
        }
    }

    private async Task EnsureExtensionAsync(CancellationToken cancellationToken)
    {
        string? version;
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            version = await ExtensionVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (version is null)
            {
                if (!_createSchema)
                {
                    throw new InvalidOperationException(
                        $"The pgvector extension is not installed in database '{connection.Database}'. Ask its owner or a superuser to run: CREATE EXTENSION vector;");
                }

                try
                {
                    await ExecuteDdlAsync(connection, "CREATE EXTENSION IF NOT EXISTS vector", null, cancellationToken).ConfigureAwait(false);
                    _logger.ExtensionCreated(connection.Database);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    throw new InvalidOperationException(
                        $"The pgvector extension is not installed in database '{connection.Database}' and role '{connection.UserName}' may not create it. " +
                        "Ask the database owner or a superuser to run: CREATE EXTENSION vector;", ex);
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedFile or PostgresErrorCodes.FeatureNotSupported)
                {
                    throw new InvalidOperationException(
                        "The pgvector extension is not available on the PostgreSQL server (its files are not installed). Install pgvector 0.8.0 or " +
                        "later on the server (on Debian/Ubuntu: the postgresql-<version>-pgvector package), then run: CREATE EXTENSION vector;", ex);
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
                {
                    // Another process created it at the same moment.
                }

                version = await ExtensionVersionAsync(connection, cancellationToken).ConfigureAwait(false) ?? "0";
            }
        }

        // The data source may have loaded its types before the extension existed; the vector type needs its OID.
        await _dataSource.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);

        var parsed = ParseVersion(version);
        if (parsed < MinimumPgVector)
        {
            throw new NotSupportedException(
                $"The server's pgvector is {version}; SemanticCache.PgVector needs 0.8.0 or later (iterative index scans) and recommends 0.8.4 or later. " +
                "Upgrade pgvector on the server, then run: ALTER EXTENSION vector UPDATE;");
        }

        if (parsed < RecommendedPgVector)
        {
            _logger.OldPgVector(version);
        }
    }

    private static async Task<string?> ExtensionVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT extversion FROM pg_extension WHERE extname = 'vector'", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static async Task ProbeVectorMappingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT '[1]'::vector", connection);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadProbe(reader);
        }

        static void ReadProbe(NpgsqlDataReader reader)
        {
            try
            {
                _ = reader.GetFieldValue<Vector>(0);
            }
            catch (Exception ex) when (ex is InvalidCastException or NotSupportedException)
            {
                throw new InvalidOperationException(
                    "The NpgsqlDataSource does not map the pgvector 'vector' type. Build it with NpgsqlDataSourceBuilder.UseVector() " +
                    "(package Pgvector) before passing it to the store.", ex);
            }
        }
    }

    private async Task<(string? Comment, string? Type, int Modifier)?> DescribeTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(PgVectorSql.DescribeTable, connection);
        command.Parameters.Add(Text(_sql.Schema));
        command.Parameters.Add(Text(_sql.Table));
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return ReadDescription(reader);
        }

        // The row is buffered: reading its columns never blocks.
        static (string? Comment, string? Type, int Modifier) ReadDescription(NpgsqlDataReader reader) => (
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? -1 : reader.GetInt32(2));
    }

    private async Task<bool> SchemaExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection);
        command.Parameters.Add(Text(_sql.Schema));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task AdoptTableAsync(NpgsqlConnection connection, (string? Comment, string? Type, int Modifier) table, CancellationToken cancellationToken)
    {
        var expected = PgVectorSql.SchemaMarker + PgVectorSql.SchemaVersion.ToString(CultureInfo.InvariantCulture);
        if (table.Comment is null || !table.Comment.StartsWith(PgVectorSql.SchemaMarker, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The table {_sql.QualifiedTable} exists but was not created by SemanticCache.PgVector (its comment is not '{expected}'). " +
                "Choose another TableName or Schema; the store never changes a table it does not recognise.");
        }

        if (!string.Equals(table.Comment, expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The table {_sql.QualifiedTable} has '{table.Comment}' but this version of SemanticCache.PgVector uses '{expected}'. " +
                "Use another TableName, or drop the table to let the store recreate it (the cached entries are lost).");
        }

        if (table.Type is null || !table.Type.StartsWith("vector", StringComparison.Ordinal) || table.Modifier < 1)
        {
            throw new InvalidOperationException(
                $"The table {_sql.QualifiedTable} has no embedding column of type vector(N) (found '{table.Type ?? "none"}').");
        }

        if (_configuredDimensions is { } configured && configured != table.Modifier)
        {
            throw new InvalidOperationException(
                $"The table {_sql.QualifiedTable} stores vector({table.Modifier}) but the store is configured for {configured} dimensions. " +
                "An embedding model change needs another table (TableName) or a dropped table; the store never mixes dimensions.");
        }

        var indexes = new List<(string Name, string Method, string OperatorClass)>();
        using (var command = new NpgsqlCommand(PgVectorSql.DescribeIndexes, connection))
        {
            command.Parameters.Add(Text(_sql.Schema));
            command.Parameters.Add(Text(_sql.Table));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    indexes.Add(ReadIndex(reader));
                }
            }
        }

        // Only missing indexes are created: CREATE INDEX needs table ownership even when the index exists, and a
        // role with plain DML privileges must be able to use a table someone else created.
        if (_createSchema)
        {
            foreach (var (name, ddl) in _sql.CreateIndexes)
            {
                if (!indexes.Exists(index => string.Equals(index.Name, name, StringComparison.Ordinal)))
                {
                    await ExecuteDdlAsync(connection, ddl, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        foreach (var (name, method, operatorClass) in indexes)
        {
            if (string.Equals(method, "hnsw", StringComparison.Ordinal) && !string.Equals(operatorClass, _sql.OperatorClass, StringComparison.Ordinal))
            {
                _logger.UnusedHnswIndex(_sql.QualifiedTable, name, operatorClass);
            }
        }

        static (string, string, string) ReadIndex(NpgsqlDataReader reader) => (reader.GetString(0), reader.GetString(1), reader.GetString(2));

        Volatile.Write(ref _dimensions, table.Modifier);
        _ready = true;
    }

    private static async Task ExecuteDdlAsync(NpgsqlConnection connection, string sql, NpgsqlParameter? parameter, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SweepPeriodicallyAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var removed = await SweepCoreAsync(cancellationToken).ConfigureAwait(false);
                    if (removed > 0)
                    {
                        _logger.ExpiredEntriesSwept(removed, _sql.QualifiedTable);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The store stays usable while the server is away; the next tick tries again.
                    _logger.SweepFailed(ex, _sql.QualifiedTable);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
    }
}
