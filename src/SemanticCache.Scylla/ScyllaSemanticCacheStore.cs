using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SemanticCache.Scylla;

/// <summary>
/// A semantic cache store on ScyllaDB vector search (or Apache Cassandra 5.0 SAI vector search), spoken over the
/// package's own CQL native protocol v4 client.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe: one instance is meant to be shared (it holds a connection pool). It connects, and creates the keyspace,
/// tables and vector index when <see cref="ScyllaSemanticCacheStoreOptions.CreateSchema"/> is set, on first use or in
/// <see cref="InitializeAsync"/>.
/// </para>
/// <para>
/// Persistence: entries live in the cluster until they expire (<c>USING TTL</c> plus an <c>expires_at</c> column checked
/// on read with the injected <see cref="TimeProvider"/>) or are removed. Exact lookups read by primary key at
/// <see cref="ScyllaSemanticCacheStoreOptions.ReadConsistency"/>, so the cache reads its own writes even though
/// ScyllaDB's vector index follows writes about a second later. Similarities are computed on the client from the
/// returned vectors; see <see cref="ScyllaSimilarityFunction"/>.
/// </para>
/// </remarks>
public sealed class ScyllaSemanticCacheStore : ISemanticCacheStore, IAsyncDisposable, IDisposable
{
    private const int MaxAnnLimit = 1000;
    private const int MaxTtlSeconds = 630_720_000; // 20 years, the largest TTL Cassandra and ScyllaDB accept
    private const int MaxParallelDeletes = 16;
    private static readonly TimeSpan MinSchemaTimeout = TimeSpan.FromSeconds(60);

    private readonly ScyllaSemanticCacheStoreOptions _options;
    private readonly CqlConnectionSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ILogger _clientLogger;
    private readonly ScyllaStatements _statements;
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    private readonly object _readinessGate = new();
    private readonly float[] _probeVector;
    private CqlSession? _session;
    private ScyllaDialect _dialect;
    private volatile bool _serverSideFiltering;
    private volatile bool _indexReady;
    private Task? _readinessWait;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="ScyllaSemanticCacheStore"/> class. No connection is opened until first use.</summary>
    /// <param name="options">The options; validated and copied.</param>
    /// <param name="timeProvider">The clock for expiry checks, or <see langword="null"/> for <see cref="TimeProvider.System"/>. Network timeouts always use real time.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/> for no logging.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid; the failures list every problem.</exception>
    public ScyllaSemanticCacheStore(
        ScyllaSemanticCacheStoreOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new ScyllaSemanticCacheStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ScyllaSemanticCacheStoreOptions), validation.Failures);
        }

        _options = Copy(options);
        _settings = CreateSettings(_options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ScyllaSemanticCacheStore>();
        _clientLogger = loggerFactory.CreateLogger("SemanticCache.Scylla.CqlClient");
        _statements = new ScyllaStatements(_options.Keyspace, _options.Table, _options.Dimensions);
        _dialect = _options.Dialect;
        _probeVector = new float[_options.Dimensions];
        Array.Fill(_probeVector, 1f / MathF.Sqrt(_options.Dimensions));
    }

    /// <summary>Gets the dialect in use: the configured one, or the detected one once connected (<see cref="ScyllaDialect.Auto"/> before).</summary>
    public ScyllaDialect Dialect => _dialect;

    /// <summary>Gets a value indicating whether nearest-neighbour queries currently filter by scope on the server.</summary>
    public bool UsesServerSideFiltering => _serverSideFiltering;

    /// <summary>
    /// Connects, creates the schema when configured, and waits up to
    /// <see cref="ScyllaSemanticCacheStoreOptions.IndexReadyTimeout"/> for the vector index to answer queries.
    /// Calling it is optional: every operation connects on first use, and searches wait for the index.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="ScyllaConnectionException">No host could be reached.</exception>
    /// <exception cref="ScyllaServerException">The server rejected the schema.</exception>
    /// <exception cref="ScyllaIndexNotReadyException">The vector index did not become ready in time; exact lookups and writes work meanwhile.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureIndexReadyAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<SemanticCacheEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        var result = await session.ExecuteAsync(
            _statements.SelectEntry, [key], new CqlStatementOptions(_options.ReadConsistency), cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        foreach (var row in Rows(result))
        {
            if (EntryRow.TryRead(row, out var entry) && !entry.IsExpired(now))
            {
                return entry;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SemanticCacheMatch>> SearchAsync(
        string scopeHash, ReadOnlyMemory<float> vector, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopeHash);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (vector.Length != _options.Dimensions)
        {
            throw new ArgumentException($"The query vector has {vector.Length} dimensions; the store holds {_options.Dimensions}.", nameof(vector));
        }

        if (limit == 0)
        {
            return [];
        }

        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureIndexReadyAsync(session, cancellationToken).ConfigureAwait(false);
        var rows = await QueryNearestAsync(session, scopeHash, vector, limit, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var query = VectorSimilarity.PrepareQuery(_options.SimilarityFunction, vector.Span);
        var matches = new List<SemanticCacheMatch>(rows.Count);
        foreach (var row in rows)
        {
            // ScyllaDB 2025.4 cannot filter an ANN query: scope and expiry are always checked here.
            if (EntryRow.TryRead(row, out var entry)
                && string.Equals(entry.ScopeHash, scopeHash, StringComparison.Ordinal)
                && !entry.IsExpired(now)
                && entry.Vector.Length == query.Length)
            {
                matches.Add(new SemanticCacheMatch(entry, VectorSimilarity.Compute(_options.SimilarityFunction, query, entry.Vector.Span)));
            }
        }

        matches.Sort(static (a, b) => b.Similarity.CompareTo(a.Similarity));
        if (matches.Count > limit)
        {
            matches.RemoveRange(limit, matches.Count - limit);
        }

        return matches;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The tag and partition lookup rows are written first (one unlogged batch), then the entry, so an entry never exists
    /// without them; all carry the entry's TTL.
    /// </remarks>
    public async ValueTask UpsertAsync(SemanticCacheEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Key, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.ScopeHash, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.Partition, nameof(entry));
        if (entry.Vector.Length != _options.Dimensions)
        {
            throw new ArgumentException($"The entry's vector has {entry.Vector.Length} dimensions; the store holds {_options.Dimensions}.", nameof(entry));
        }

        if (entry.Tags.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Tags cannot be null or empty.", nameof(entry));
        }

        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        int ttl = TimeToLiveSeconds(entry.ExpiresAt);
        var write = new CqlStatementOptions(_options.WriteConsistency);
        var lookups = new List<(string Cql, IReadOnlyList<object?> Values)>
        {
            (_statements.InsertLookup, [ScyllaStatements.PartitionKind, entry.Partition, entry.Key, ttl]),
        };
        foreach (string tag in entry.Tags.Distinct(StringComparer.Ordinal))
        {
            lookups.Add((_statements.InsertLookup, [ScyllaStatements.TagKind, tag, entry.Key, ttl]));
        }

        await session.BatchAsync(lookups, CqlBatchType.Unlogged, write, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(_statements.InsertEntry, EntryRow.ToValues(entry, ttl), write, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        var header = await ReadHeaderAsync(session, key, cancellationToken).ConfigureAwait(false);
        if (header is null)
        {
            return false;
        }

        await DeleteAsync(session, header, cancellationToken).ConfigureAwait(false);
        return !header.IsExpired(_timeProvider.GetUtcNow());
    }

    /// <inheritdoc />
    /// <remarks>Reads the tag lookup rows (no table scan); lookup rows that no longer match their entry are deleted on the way.</remarks>
    public async ValueTask<long> RemoveByTagsAsync(IReadOnlyCollection<string> tags, bool matchAll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var distinct = tags.Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return 0;
        }

        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        HashSet<string>? candidates = null;
        foreach (string tag in distinct)
        {
            var keys = await ReadLookupKeysAsync(session, ScyllaStatements.TagKind, tag, cancellationToken).ConfigureAwait(false);
            if (candidates is null)
            {
                candidates = keys;
            }
            else if (matchAll)
            {
                candidates.IntersectWith(keys);
            }
            else
            {
                candidates.UnionWith(keys);
            }
        }

        long removed = 0;
        await ForEachAsync(candidates!, async (key, token) =>
        {
            var header = await ReadHeaderAsync(session, key, token).ConfigureAwait(false);
            var entryTags = header?.Tags ?? [];
            bool matches = header is not null && (matchAll ? distinct.All(entryTags.Contains) : distinct.Any(entryTags.Contains));
            if (!matches)
            {
                // Stale lookup rows from an entry that was replaced or removed.
                var stale = distinct.Where(t => !entryTags.Contains(t)).Select(t => (ScyllaStatements.TagKind, t)).ToList();
                await DeleteLookupsAsync(session, key, stale, token).ConfigureAwait(false);
                return;
            }

            await DeleteAsync(session, header!, token).ConfigureAwait(false);
            if (!header!.IsExpired(_timeProvider.GetUtcNow()))
            {
                Interlocked.Increment(ref removed);
            }
        }, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <inheritdoc />
    /// <remarks>Reads the partition lookup rows (no table scan).</remarks>
    public async ValueTask<long> RemoveByPartitionAsync(string partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        var keys = await ReadLookupKeysAsync(session, ScyllaStatements.PartitionKind, partition, cancellationToken).ConfigureAwait(false);
        long removed = 0;
        await ForEachAsync(keys, async (key, token) =>
        {
            var header = await ReadHeaderAsync(session, key, token).ConfigureAwait(false);
            if (header is null || !string.Equals(header.Partition, partition, StringComparison.Ordinal))
            {
                await DeleteLookupsAsync(session, key, [(ScyllaStatements.PartitionKind, partition)], token).ConfigureAwait(false);
                return;
            }

            await DeleteAsync(session, header, token).ConfigureAwait(false);
            if (!header.IsExpired(_timeProvider.GetUtcNow()))
            {
                Interlocked.Increment(ref removed);
            }
        }, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Deletes entry by entry (a paged scan) rather than with TRUNCATE, so that ScyllaDB's vector index, which follows
    /// row deletes through CDC, forgets them too.
    /// </remarks>
    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        var scan = new CqlStatementOptions(_options.ReadConsistency) { PageSize = _options.PageSize };
        await foreach (var page in session.ExecutePagedAsync(_statements.ScanEntryHeaders, [], scan, cancellationToken).ConfigureAwait(false))
        {
            var headers = page.Rows.Select(EntryRow.ReadHeaderWithKey).Where(h => h is not null).Select(h => h!).ToList();
            await ForEachAsync(headers, (header, token) => DeleteAsync(session, header, token), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>A paged scan of the <c>expires_at</c> column; expired rows the server has not dropped yet are not counted.</remarks>
    public async ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        var scan = new CqlStatementOptions(_options.ReadConsistency) { PageSize = _options.PageSize };
        var now = _timeProvider.GetUtcNow();
        long count = 0;
        await foreach (var page in session.ExecutePagedAsync(_statements.ScanExpiries, [], scan, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                if (row[0] is not DateTimeOffset expiresAt || expiresAt > now)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _initializeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_session is not null)
            {
                await _session.DisposeAsync().ConfigureAwait(false);
                _session = null;
            }
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal static CqlConnectionSettings CreateSettings(ScyllaSemanticCacheStoreOptions options)
    {
        var contactPoints = new List<(string Host, int Port)>();
        foreach (string contactPoint in options.ContactPoints)
        {
            ContactPointParser.TryParse(contactPoint, options.Port, out string host, out int port);
            contactPoints.Add((host, port));
        }

        X509Certificate2Collection? roots = null;
        if (options.TlsCaCertificates is { Count: > 0 } || options.TlsCaCertificatePath is not null)
        {
            roots = [];
            if (options.TlsCaCertificates is { } given)
            {
                roots.AddRange(given);
            }

            if (options.TlsCaCertificatePath is { } path)
            {
                if (File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal))
                {
                    roots.ImportFromPemFile(path);
                }
                else
                {
                    roots.Add(X509CertificateLoader.LoadCertificateFromFile(path));
                }
            }
        }

        return new CqlConnectionSettings
        {
            ContactPoints = contactPoints,
            Username = options.Username,
            Password = options.Password,
            ConnectionsPerHost = options.ConnectionsPerHost,
            MaxRequestsPerConnection = options.MaxRequestsPerConnection,
            WaitWhenBusy = options.WaitWhenBusy,
            ConnectTimeout = options.ConnectTimeout,
            RequestTimeout = options.RequestTimeout,
            ReconnectionDelay = options.ReconnectionDelay,
            UseTls = options.UseTls,
            TlsServerName = options.TlsServerName,
            TlsCaCertificates = roots,
            TlsClientCertificates = options.TlsClientCertificate is { } client ? [client] : null,
            TlsValidateHostName = options.TlsValidateHostName,
            TlsCertificateValidation = options.TlsCertificateValidation,
        };
    }

    private static ScyllaSemanticCacheStoreOptions Copy(ScyllaSemanticCacheStoreOptions options) => new()
    {
        ContactPoints = [.. options.ContactPoints],
        Port = options.Port,
        Username = options.Username,
        Password = options.Password,
        Keyspace = options.Keyspace,
        Table = options.Table,
        Dimensions = options.Dimensions,
        Dialect = options.Dialect,
        SimilarityFunction = options.SimilarityFunction,
        CreateSchema = options.CreateSchema,
        ReplicationStrategy = options.ReplicationStrategy,
        ReplicationFactor = options.ReplicationFactor,
        DataCenterReplicationFactors = new Dictionary<string, int>(options.DataCenterReplicationFactors, StringComparer.Ordinal),
        EnableTablets = options.EnableTablets,
        ServerSideFiltering = options.ServerSideFiltering,
        SearchOversampling = options.SearchOversampling,
        IndexReadyTimeout = options.IndexReadyTimeout,
        ReadConsistency = options.ReadConsistency,
        WriteConsistency = options.WriteConsistency,
        SearchConsistency = options.SearchConsistency,
        PageSize = options.PageSize,
        ConnectionsPerHost = options.ConnectionsPerHost,
        MaxRequestsPerConnection = options.MaxRequestsPerConnection,
        WaitWhenBusy = options.WaitWhenBusy,
        ConnectTimeout = options.ConnectTimeout,
        RequestTimeout = options.RequestTimeout,
        ReconnectionDelay = options.ReconnectionDelay,
        SchemaAgreementTimeout = options.SchemaAgreementTimeout,
        UseTls = options.UseTls,
        TlsServerName = options.TlsServerName,
        TlsCaCertificatePath = options.TlsCaCertificatePath,
        TlsCaCertificates = options.TlsCaCertificates,
        TlsClientCertificate = options.TlsClientCertificate,
        TlsValidateHostName = options.TlsValidateHostName,
        TlsCertificateValidation = options.TlsCertificateValidation,
    };

    private static IReadOnlyList<object?[]> Rows(CqlResult result) => result.Rows?.Rows ?? [];

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeletes, CancellationToken = cancellationToken },
            async (item, token) => await action(item, token).ConfigureAwait(false));

    private int TimeToLiveSeconds(DateTimeOffset? expiresAt)
    {
        if (expiresAt is not { } expiry)
        {
            return 0; // no TTL
        }

        double seconds = Math.Ceiling((expiry - _timeProvider.GetUtcNow()).TotalSeconds);
        return seconds switch
        {
            // Already expired: invisible to reads at once, and the server drops it a second later.
            < 1 => 1,

            // Beyond the server's maximum: keep it without a TTL; reads still honour expires_at.
            > MaxTtlSeconds => 0,
            _ => (int)seconds,
        };
    }

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The session owns the pool and is owned by the store once published; the finally block disposes it otherwise.")]
    private async ValueTask<CqlSession> GetSessionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var session = Volatile.Read(ref _session);
        if (session is not null)
        {
            return session;
        }

        await _initializeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_session is not null)
            {
                return _session;
            }

            CqlSession? created = new(new CqlConnectionPool(_settings, _clientLogger), _clientLogger);
            try
            {
                await created.Pool.InitializeAsync(cancellationToken).ConfigureAwait(false);
                ResolveDialect(created.Pool);
                await CreateSchemaAsync(created, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _session, created);
                var ready = created;
                created = null;
                return ready;
            }
            finally
            {
                if (created is not null)
                {
                    await created.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    private void ResolveDialect(CqlConnectionPool pool)
    {
        if (_options.Dialect != ScyllaDialect.Auto)
        {
            _dialect = _options.Dialect;
            return;
        }

        var supported = pool.Hosts.Select(h => h.Supported).FirstOrDefault(s => s is not null);
        bool scylla = supported is not null && supported.Keys.Any(k => k.StartsWith("SCYLLA_", StringComparison.Ordinal));
        _dialect = scylla ? ScyllaDialect.Scylla : ScyllaDialect.Cassandra;
        _logger.DialectDetected(_dialect.ToString());
    }

    private async Task CreateSchemaAsync(CqlSession session, CancellationToken cancellationToken)
    {
        bool scylla = _dialect == ScyllaDialect.Scylla;
        if (!_options.CreateSchema)
        {
            // Without DDL the index shape is unknown: try server-side filtering where asked or plausible; a rejection turns it off.
            _serverSideFiltering = _options.ServerSideFiltering ?? true;
            return;
        }

        var ddl = new CqlStatementOptions(ScyllaConsistency.One)
        {
            Timeout = _options.RequestTimeout > MinSchemaTimeout ? _options.RequestTimeout : MinSchemaTimeout,
        };
        var strategy = _options.ReplicationStrategy
            ?? (scylla ? ScyllaReplicationStrategy.NetworkTopologyStrategy : ScyllaReplicationStrategy.SimpleStrategy);
        bool tablets = _options.EnableTablets ?? scylla;
        var dataCenters = _options.DataCenterReplicationFactors.ToDictionary(StringComparer.Ordinal);
        await session.QueryAsync(
            _statements.CreateKeyspace(strategy, _options.ReplicationFactor, dataCenters, tablets), ddl, cancellationToken: cancellationToken).ConfigureAwait(false);
        await session.QueryAsync(_statements.CreateEntriesTable, ddl, cancellationToken: cancellationToken).ConfigureAwait(false);
        await session.QueryAsync(_statements.CreateLookupTable, ddl, cancellationToken: cancellationToken).ConfigureAwait(false);
        await session.WaitForSchemaAgreementAsync(_options.SchemaAgreementTimeout, cancellationToken).ConfigureAwait(false);

        var function = _options.SimilarityFunction;
        if (scylla)
        {
            bool filtering = _options.ServerSideFiltering != false;
            if (filtering)
            {
                try
                {
                    await session.QueryAsync(_statements.CreateVectorIndex(_dialect, function, withScopeFilteringColumn: true), ddl, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (ScyllaServerException ex) when (_options.ServerSideFiltering is null
                    && ex.ErrorCode is ScyllaErrorCode.Invalid or ScyllaErrorCode.SyntaxError or ScyllaErrorCode.ConfigError or ScyllaErrorCode.ServerError)
                {
                    // ScyllaDB 2025.4 indexes the vector column alone.
                    _logger.FilteringIndexRejected(ex.ServerMessage);
                    filtering = false;
                }
            }

            if (!filtering)
            {
                await session.QueryAsync(_statements.CreateVectorIndex(_dialect, function, withScopeFilteringColumn: false), ddl, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            _serverSideFiltering = filtering;
        }
        else
        {
            await session.QueryAsync(_statements.CreateVectorIndex(_dialect, function, withScopeFilteringColumn: false), ddl, cancellationToken: cancellationToken).ConfigureAwait(false);
            bool filtering = _options.ServerSideFiltering != false;
            if (filtering)
            {
                await session.QueryAsync(_statements.CreateScopeIndex(), ddl, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            _serverSideFiltering = filtering;
        }

        await session.WaitForSchemaAgreementAsync(_options.SchemaAgreementTimeout, cancellationToken).ConfigureAwait(false);
        _logger.SchemaReady(
            _options.Keyspace, _options.Table, _dialect.ToString(), ScyllaStatements.SimilarityFunctionName(function), _options.Dimensions, _serverSideFiltering);
    }

    private async Task EnsureIndexReadyAsync(CqlSession session, CancellationToken cancellationToken)
    {
        if (_indexReady)
        {
            return;
        }

        Task wait;
        lock (_readinessGate)
        {
            wait = _readinessWait ??= Task.Run(() => WaitForIndexAsync(session), CancellationToken.None);
        }

        try
        {
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_readinessGate)
            {
                if (ReferenceEquals(_readinessWait, wait) && wait.IsCompleted)
                {
                    _readinessWait = null; // a failed wait is retried by the next search
                }
            }
        }
    }

    // Probes with a cheap ANN query (LIMIT 1, a unit vector) until the index answers or the configured time is up.
    private async Task WaitForIndexAsync(CqlSession session)
    {
        long start = TimeProvider.System.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await session.ExecuteAsync(_statements.ProbeIndex, [_probeVector], new CqlStatementOptions(_options.SearchConsistency)).ConfigureAwait(false);
                _indexReady = true;
                _logger.IndexReady(_statements.EmbeddingIndexName);
                return;
            }
            catch (ScyllaServerException ex) when (IndexErrors.IsNotReady(ex))
            {
                _logger.IndexNotReady(_statements.EmbeddingIndexName, ex.ServerMessage);
                var elapsed = TimeProvider.System.GetElapsedTime(start);
                if (elapsed + delay > _options.IndexReadyTimeout)
                {
                    throw new ScyllaIndexNotReadyException(ScyllaIndexNotReadyException.DefaultMessage, ex);
                }
            }
            catch (ScyllaServerException ex) when (IndexErrors.IsVectorSearchDisabled(ex))
            {
                throw VectorSearchDisabled(ex);
            }

            await Task.Delay(delay, TimeProvider.System).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    private async Task<IReadOnlyList<object?[]>> QueryNearestAsync(
        CqlSession session, string scopeHash, ReadOnlyMemory<float> vector, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            bool filtering = _serverSideFiltering;
            int annLimit = (int)Math.Min(MaxAnnLimit, (long)limit * (filtering ? 2 : _options.SearchOversampling));
            string cql = filtering
                ? (_dialect == ScyllaDialect.Cassandra ? _statements.SearchInScopeCassandra : _statements.SearchInScopeScylla)
                : _statements.Search;
            IReadOnlyList<object?> values = filtering ? [scopeHash, vector, annLimit] : [vector, annLimit];
            try
            {
                var result = await session.ExecuteAsync(cql, values, new CqlStatementOptions(_options.SearchConsistency), cancellationToken).ConfigureAwait(false);
                return Rows(result);
            }
            catch (ScyllaServerException ex) when (IndexErrors.IsNotReady(ex))
            {
                _indexReady = false;
                throw new ScyllaIndexNotReadyException(ScyllaIndexNotReadyException.DefaultMessage, ex);
            }
            catch (ScyllaServerException ex) when (IndexErrors.IsVectorSearchDisabled(ex))
            {
                throw VectorSearchDisabled(ex);
            }
            catch (ScyllaServerException ex) when (filtering && _options.ServerSideFiltering is null
                && ex.ErrorCode is ScyllaErrorCode.Invalid or ScyllaErrorCode.SyntaxError)
            {
                _logger.ServerSideFilteringDisabled(ex.ServerMessage);
                _serverSideFiltering = false;
            }
        }
    }

    private async Task<HashSet<string>> ReadLookupKeysAsync(CqlSession session, string kind, string name, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var scan = new CqlStatementOptions(_options.ReadConsistency) { PageSize = _options.PageSize };
        await foreach (var page in session.ExecutePagedAsync(_statements.SelectLookupKeys, [kind, name], scan, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                if (row[0] is string key)
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    private async Task<EntryHeader?> ReadHeaderAsync(CqlSession session, string key, CancellationToken cancellationToken)
    {
        var result = await session.ExecuteAsync(
            _statements.SelectEntryHeader, [key], new CqlStatementOptions(_options.ReadConsistency), cancellationToken).ConfigureAwait(false);
        var rows = Rows(result);
        return rows.Count == 0 ? null : EntryRow.ReadHeader(key, rows[0]);
    }

    // The entry first, then its lookup rows, so an entry never exists without them.
    private async Task DeleteAsync(CqlSession session, EntryHeader header, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(_statements.DeleteEntry, [header.Key], new CqlStatementOptions(_options.WriteConsistency), cancellationToken).ConfigureAwait(false);
        var lookups = new List<(string Kind, string Name)>();
        if (header.Partition is not null)
        {
            lookups.Add((ScyllaStatements.PartitionKind, header.Partition));
        }

        lookups.AddRange(header.Tags.Distinct(StringComparer.Ordinal).Select(tag => (ScyllaStatements.TagKind, tag)));
        await DeleteLookupsAsync(session, header.Key, lookups, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteLookupsAsync(CqlSession session, string key, IReadOnlyList<(string Kind, string Name)> lookups, CancellationToken cancellationToken)
    {
        if (lookups.Count == 0)
        {
            return;
        }

        var statements = lookups.Select(l => (_statements.DeleteLookup, (IReadOnlyList<object?>)[l.Kind, l.Name, key])).ToList();
        await session.BatchAsync(statements, CqlBatchType.Unlogged, new CqlStatementOptions(_options.WriteConsistency), cancellationToken).ConfigureAwait(false);
    }

    private static ScyllaException VectorSearchDisabled(ScyllaServerException ex) => new(
        "Vector search is not enabled on this cluster (the server says 'Vector Store is disabled'). ScyllaDB vector search "
        + "is a ScyllaDB Cloud feature (2025.4 or later, with vector search nodes); use such a cluster or Apache Cassandra 5.0 (Dialect = Cassandra).",
        ex);
}
