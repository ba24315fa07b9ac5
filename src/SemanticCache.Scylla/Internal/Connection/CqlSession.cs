using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace SemanticCache.Scylla;

/// <summary>
/// Runs statements over a <see cref="CqlConnectionPool"/>: QUERY, PREPARE, EXECUTE and BATCH, with a prepared-statement
/// cache, transparent re-prepare and retry when a node answers Unprepared, retries of idempotent statements on the next
/// host when a connection is lost or a node is overloaded, paging, and schema agreement after DDL.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class CqlSession : IAsyncDisposable
{
    private const string LocalSchemaVersionQuery = "SELECT schema_version FROM system.local WHERE key = 'local'";

    private readonly CqlConnectionPool _pool;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<CqlPreparedResult>>> _prepared = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="CqlSession"/> class.</summary>
    /// <param name="pool">The pool (owned by the session).</param>
    /// <param name="logger">The logger.</param>
    public CqlSession(CqlConnectionPool pool, ILogger logger)
    {
        _pool = pool;
        _logger = logger;
    }

    /// <summary>Gets the pool.</summary>
    public CqlConnectionPool Pool => _pool;

    /// <summary>Gets the number of statements in the prepared-statement cache.</summary>
    public int PreparedCount => _prepared.Count;

    /// <summary>Runs an unprepared statement (QUERY).</summary>
    /// <param name="cql">The CQL text.</param>
    /// <param name="options">How to run it.</param>
    /// <param name="values">Values for bind markers, typed by <paramref name="valueTypes"/>, or <see langword="null"/>.</param>
    /// <param name="valueTypes">The CQL types of <paramref name="values"/>.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The result.</returns>
    public Task<CqlResult> QueryAsync(
        string cql,
        CqlStatementOptions options,
        IReadOnlyList<object?>? values = null,
        IReadOnlyList<CqlType>? valueTypes = null,
        CancellationToken cancellationToken = default)
    {
        var parameters = CreateParameters(options, values, valueTypes);
        return RunAsync(options, async (host, connection, token) =>
        {
            using var request = CqlRequestEncoder.Query(cql, parameters);
            return await SendAsync(connection, request, options, token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Runs an unprepared statement on one given host (used to compare schema versions).</summary>
    /// <param name="host">The host.</param>
    /// <param name="cql">The CQL text.</param>
    /// <param name="options">How to run it.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The result.</returns>
    public async Task<CqlResult> QueryOnHostAsync(CqlHost host, string cql, CqlStatementOptions options, CancellationToken cancellationToken = default)
    {
        using var request = CqlRequestEncoder.Query(cql, CreateParameters(options, null, null));
        var connection = await AcquireOnHostAsync(host, cancellationToken).ConfigureAwait(false);
        var result = await SendAsync(connection, request, options, cancellationToken).ConfigureAwait(false);
        LogWarnings(host, result);
        return result;
    }

    /// <summary>Prepares a statement once per session (cached); concurrent callers share one PREPARE.</summary>
    /// <param name="cql">The CQL text.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The prepared statement.</returns>
    public async Task<CqlPreparedResult> PrepareAsync(string cql, CancellationToken cancellationToken = default)
    {
        var lazy = _prepared.GetOrAdd(cql, static (query, session) => new Lazy<Task<CqlPreparedResult>>(
            () => session.PrepareUncachedAsync(query)), this);
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            // Never cache a failure: the next caller prepares again.
            _prepared.TryRemove(new KeyValuePair<string, Lazy<Task<CqlPreparedResult>>>(cql, lazy));
            throw;
        }
    }

    /// <summary>Runs a prepared statement (EXECUTE), preparing it first when needed.</summary>
    /// <param name="cql">The CQL text.</param>
    /// <param name="values">The values bound positionally.</param>
    /// <param name="options">How to run it.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The result.</returns>
    public async Task<CqlResult> ExecuteAsync(
        string cql, IReadOnlyList<object?> values, CqlStatementOptions options, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(cql, cancellationToken).ConfigureAwait(false);
        return await RunAsync(options, async (host, connection, token) =>
        {
            try
            {
                return await ExecuteOnAsync(connection, prepared, values, options, token).ConfigureAwait(false);
            }
            catch (CqlUnpreparedException)
            {
                // The node forgot the id (restart) or never saw it (another host): prepare there and retry once.
                prepared = await RePrepareAsync(host, cql, token).ConfigureAwait(false);
                var again = await AcquireOnHostAsync(host, token).ConfigureAwait(false);
                return await ExecuteOnAsync(again, prepared, values, options, token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a prepared statement page by page, following the paging state until the last page.</summary>
    /// <param name="cql">The CQL text.</param>
    /// <param name="values">The values bound positionally.</param>
    /// <param name="options">How to run it; <see cref="CqlStatementOptions.PageSize"/> sets the page size.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The pages.</returns>
    public async IAsyncEnumerable<CqlRowSet> ExecutePagedAsync(
        string cql, IReadOnlyList<object?> values, CqlStatementOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[]? pagingState = null;
        do
        {
            var result = await ExecuteAsync(cql, values, options with { PagingState = pagingState }, cancellationToken).ConfigureAwait(false);
            var rows = result.Rows ?? throw new InvalidDataException($"Expected rows, received a {result.Kind} result.");
            yield return rows;
            pagingState = rows.PagingState;
        }
        while (pagingState is not null);
    }

    /// <summary>Runs prepared statements as one BATCH, preparing them first when needed.</summary>
    /// <param name="statements">The statements and their values.</param>
    /// <param name="type">The batch type.</param>
    /// <param name="options">How to run it.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The result.</returns>
    public async Task<CqlResult> BatchAsync(
        IReadOnlyList<(string Cql, IReadOnlyList<object?> Values)> statements,
        CqlBatchType type,
        CqlStatementOptions options,
        CancellationToken cancellationToken = default)
    {
        var prepared = await Task.WhenAll(statements.Select(s => PrepareAsync(s.Cql, cancellationToken))).ConfigureAwait(false);
        return await RunAsync(options, async (host, connection, token) =>
        {
            try
            {
                return await BatchOnAsync(connection, prepared, statements, type, options, token).ConfigureAwait(false);
            }
            catch (CqlUnpreparedException ex)
            {
                for (int i = 0; i < prepared.Length; i++)
                {
                    if (prepared[i].Id.AsSpan().SequenceEqual(ex.UnknownId))
                    {
                        prepared[i] = await RePrepareAsync(host, statements[i].Cql, token).ConfigureAwait(false);
                    }
                }

                var again = await AcquireOnHostAsync(host, token).ConfigureAwait(false);
                return await BatchOnAsync(again, prepared, statements, type, options, token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until every up host reports the same schema version, after DDL.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when the hosts agree.</returns>
    public async Task<bool> WaitForSchemaAgreementAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        long start = TimeProvider.System.GetTimestamp();
        var options = new CqlStatementOptions(ScyllaConsistency.One);
        while (true)
        {
            var versions = new HashSet<Guid>();
            foreach (var host in _pool.Hosts.Where(h => h.IsUp))
            {
                try
                {
                    var result = await QueryOnHostAsync(host, LocalSchemaVersionQuery, options, cancellationToken).ConfigureAwait(false);
                    if (result.Rows is { Rows.Count: > 0 } rows && rows.Rows[0][0] is Guid version)
                    {
                        versions.Add(version);
                    }
                }
                catch (ScyllaConnectionException)
                {
                    // The host went down meanwhile; it will catch up with the schema when it comes back.
                }
            }

            if (versions.Count <= 1)
            {
                return true;
            }

            if (TimeProvider.System.GetElapsedTime(start) >= timeout)
            {
                _logger.SchemaAgreementTimeout(timeout);
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    private static CqlQueryParameters CreateParameters(
        CqlStatementOptions options, IReadOnlyList<object?>? values, IReadOnlyList<CqlType>? valueTypes) => new()
        {
            Consistency = options.Consistency,
            SerialConsistency = options.SerialConsistency,
            PageSize = options.PageSize,
            PagingState = options.PagingState,
            Values = values,
            ValueTypes = valueTypes,
        };

    private static bool IsRetryable(Exception exception) => exception switch
    {
        ScyllaConnectionException => true,
        ScyllaBusyException => false,
        ScyllaServerException server => server.ErrorCode is ScyllaErrorCode.Overloaded or ScyllaErrorCode.IsBootstrapping,
        _ => false,
    };

    private async Task<CqlResult> ExecuteOnAsync(
        CqlConnection connection, CqlPreparedResult prepared, IReadOnlyList<object?> values, CqlStatementOptions options, CancellationToken cancellationToken)
    {
        using var request = CqlRequestEncoder.Execute(prepared.Id, CreateParameters(options, values, prepared.VariableTypes));
        return await SendAsync(connection, request, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CqlResult> BatchOnAsync(
        CqlConnection connection,
        CqlPreparedResult[] prepared,
        IReadOnlyList<(string Cql, IReadOnlyList<object?> Values)> statements,
        CqlBatchType type,
        CqlStatementOptions options,
        CancellationToken cancellationToken)
    {
        var batch = new CqlBatchStatement[statements.Count];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = new CqlBatchStatement { Prepared = prepared[i], Values = statements[i].Values, ValueTypes = prepared[i].VariableTypes };
        }

        using var request = CqlRequestEncoder.Batch(type, batch, options.Consistency, options.SerialConsistency);
        return await SendAsync(connection, request, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CqlResult> SendAsync(CqlConnection connection, CqlRequest request, CqlStatementOptions options, CancellationToken cancellationToken)
    {
        using var frame = await connection.SendAsync(request, options.Timeout ?? _pool.Settings.RequestTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return CqlResponseDecoder.DecodeResult(frame);
        }
        catch (ScyllaServerException ex)
        {
            ex.Host = connection.Host;
            throw;
        }
    }

    private async Task<CqlPreparedResult> PrepareUncachedAsync(string cql)
    {
        var options = new CqlStatementOptions(ScyllaConsistency.One);
        var result = await RunAsync(options, async (host, connection, token) =>
        {
            using var request = CqlRequestEncoder.Prepare(cql);
            return await SendAsync(connection, request, options, token).ConfigureAwait(false);
        }, CancellationToken.None).ConfigureAwait(false);
        return result.Prepared ?? throw new InvalidDataException($"PREPARE returned a {result.Kind} result.");
    }

    private async Task<CqlPreparedResult> RePrepareAsync(CqlHost host, string cql, CancellationToken cancellationToken)
    {
        var options = new CqlStatementOptions(ScyllaConsistency.One);
        using var request = CqlRequestEncoder.Prepare(cql);
        var connection = await AcquireOnHostAsync(host, cancellationToken).ConfigureAwait(false);
        var result = await SendAsync(connection, request, options, cancellationToken).ConfigureAwait(false);
        var prepared = result.Prepared ?? throw new InvalidDataException($"PREPARE returned a {result.Kind} result.");
        _prepared[cql] = new Lazy<Task<CqlPreparedResult>>(Task.FromResult(prepared));
        _logger.Reprepared(host.Address);
        return prepared;
    }

    private async ValueTask<CqlConnection> AcquireOnHostAsync(CqlHost host, CancellationToken cancellationToken)
    {
        if (host.TryAcquire(out var connection))
        {
            return connection!;
        }

        if (!host.IsUp)
        {
            throw new ScyllaConnectionException($"Host {host.Address} is down.");
        }

        return await host.AcquireAsync(_pool.Settings.RequestTimeout, cancellationToken).ConfigureAwait(false)
            ?? throw new ScyllaBusyException($"No stream became free on {host.Address} within {_pool.Settings.RequestTimeout}.");
    }

    private async Task<CqlResult> RunAsync(
        CqlStatementOptions options,
        Func<CqlHost, CqlConnection, CancellationToken, Task<CqlResult>> attempt,
        CancellationToken cancellationToken)
    {
        int attempts = options.Idempotent ? Math.Max(1, _pool.Settings.MaxAttempts) : 1;
        CqlHost? exclude = null;
        for (int number = 1; ; number++)
        {
            var (host, connection) = await _pool.AcquireAsync(exclude, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await attempt(host, connection, cancellationToken).ConfigureAwait(false);
                LogWarnings(host, result);
                return result;
            }
            catch (Exception ex) when (number < attempts && IsRetryable(ex) && !cancellationToken.IsCancellationRequested)
            {
                _logger.RequestRetried(number, host.Address, ex);
                exclude = host;
            }
        }
    }

    private void LogWarnings(CqlHost host, CqlResult result)
    {
        foreach (string warning in result.Warnings)
        {
            _logger.ServerWarning(host.Address, warning);
        }
    }
}
