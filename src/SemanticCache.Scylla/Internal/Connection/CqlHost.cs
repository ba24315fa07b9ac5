using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace SemanticCache.Scylla;

/// <summary>
/// One configured host and its connections. The host is up while it has at least one open connection; once it has
/// none it is down, receives no requests, and is retried after a constant reconnection delay until it answers again.
/// </summary>
/// <remarks>Thread-safe. Lost connections are replaced in the background by the same reconnection loop.</remarks>
internal sealed class CqlHost : IAsyncDisposable
{
    private readonly CqlConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private readonly object _gate = new();
    private ImmutableArray<CqlConnection> _connections = [];
    private int _roundRobin;
    private bool _reconnecting;
    private bool _down;
    private bool _disposed;
    private Task _reconnectLoop = Task.CompletedTask;

    /// <summary>Initializes a new instance of the <see cref="CqlHost"/> class.</summary>
    /// <param name="hostName">The host name or address.</param>
    /// <param name="port">The port.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="logger">The logger.</param>
    public CqlHost(string hostName, int port, CqlConnectionSettings settings, ILogger logger)
    {
        HostName = hostName;
        Port = port;
        Address = CqlConnection.FormatHost(hostName, port);
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Gets the host name or address.</summary>
    public string HostName { get; }

    /// <summary>Gets the port.</summary>
    public int Port { get; }

    /// <summary>Gets the host as "host:port".</summary>
    public string Address { get; }

    /// <summary>Gets a value indicating whether the host has at least one open connection.</summary>
    public bool IsUp => !_connections.IsEmpty;

    /// <summary>Gets the open connections.</summary>
    public ImmutableArray<CqlConnection> Connections => _connections;

    /// <summary>Gets the SUPPORTED options of the first connection opened, or <see langword="null"/> before any.</summary>
    public IReadOnlyDictionary<string, List<string>>? Supported { get; private set; }

    /// <summary>Gets the last error that made the host unreachable, or <see langword="null"/>.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Opens the configured number of connections; failures leave the host down and start reconnecting.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when every attempt has finished.</returns>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var attempts = new Task<CqlConnection?>[Math.Max(1, _settings.ConnectionsPerHost)];
        for (int i = 0; i < attempts.Length; i++)
        {
            attempts[i] = TryOpenAsync(cancellationToken);
        }

        await Task.WhenAll(attempts).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (Connections.Length < _settings.ConnectionsPerHost)
        {
            if (Connections.IsEmpty)
            {
                MarkDown(LastError);
            }

            StartReconnecting();
        }
    }

    /// <summary>Takes an in-flight slot on the next connection that has one, without waiting.</summary>
    /// <param name="connection">The connection whose slot was taken.</param>
    /// <returns><see langword="true"/> when a slot was taken.</returns>
    public bool TryAcquire(out CqlConnection? connection)
    {
        var connections = Connections;
        int count = connections.Length;
        int start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)Math.Max(count, 1));
        for (int i = 0; i < count; i++)
        {
            var candidate = connections[(start + i) % count];
            if (candidate.TryAcquireSlot())
            {
                connection = candidate;
                return true;
            }
        }

        connection = null;
        return false;
    }

    /// <summary>Waits for an in-flight slot on the least busy connection.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The connection whose slot was taken, or <see langword="null"/> when none became free in time.</returns>
    public async ValueTask<CqlConnection?> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connections = Connections;
        if (connections.IsEmpty)
        {
            return null;
        }

        var leastBusy = connections.MinBy(c => c.InFlight)!;
        return await leastBusy.AcquireSlotAsync(timeout, cancellationToken).ConfigureAwait(false) ? leastBusy : null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        ImmutableArray<CqlConnection> connections;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connections = _connections;
            _connections = [];
        }

        await _disposing.CancelAsync().ConfigureAwait(false);

        foreach (var connection in connections)
        {
            connection.Closed -= OnConnectionClosed;
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _reconnectLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped by dispose.
        }

        _disposing.Dispose();
    }

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The connection is owned by the host once added; the finally block disposes it otherwise.")]
    private async Task<CqlConnection?> TryOpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            CqlConnection? connection = await CqlConnection.OpenAsync(HostName, Port, _settings, _logger, cancellationToken).ConfigureAwait(false);
            try
            {
                if (Add(connection))
                {
                    var added = connection;
                    connection = null;
                    return added;
                }

                return null;
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is ScyllaException or TimeoutException or IOException)
        {
            LastError = ex;
            return null;
        }
    }

    private bool Add(CqlConnection connection)
    {
        bool cameUp;
        lock (_gate)
        {
            if (_disposed || _connections.Length >= Math.Max(1, _settings.ConnectionsPerHost))
            {
                return false;
            }

            Supported ??= connection.Supported;
            connection.Closed += OnConnectionClosed;
            _connections = _connections.Add(connection);
            cameUp = _down;
            _down = false;
        }

        if (connection.IsClosed)
        {
            // Closed before the handler was attached: remove it now.
            OnConnectionClosed(connection, null);
        }

        if (cameUp)
        {
            _logger.HostUp(Address);
        }

        return true;
    }

    private void OnConnectionClosed(CqlConnection connection, Exception? cause)
    {
        bool nowDown;
        lock (_gate)
        {
            if (!_connections.Contains(connection))
            {
                return;
            }

            _connections = _connections.Remove(connection);
            if (_disposed)
            {
                return;
            }

            nowDown = _connections.IsEmpty && !_down;
            if (cause is not null)
            {
                LastError = cause;
            }
        }

        if (nowDown)
        {
            MarkDown(cause);
        }

        StartReconnecting();
    }

    private void MarkDown(Exception? cause)
    {
        lock (_gate)
        {
            if (_down || !_connections.IsEmpty)
            {
                return;
            }

            _down = true;
        }

        _logger.HostDown(Address, _settings.ReconnectionDelay, cause);
    }

    private void StartReconnecting()
    {
        lock (_gate)
        {
            if (_reconnecting || _disposed)
            {
                return;
            }

            _reconnecting = true;
            _reconnectLoop = Task.Run(ReconnectLoopAsync);
        }
    }

    // Constant delay before each attempt; once one succeeds the remaining connections are opened without waiting.
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The connection is owned by the host once added; the finally block disposes it otherwise.")]
    private async Task ReconnectLoopAsync()
    {
        var token = _disposing.Token;
        try
        {
            bool wait = true;
            while (!token.IsCancellationRequested && Connections.Length < Math.Max(1, _settings.ConnectionsPerHost))
            {
                if (wait)
                {
                    await Task.Delay(_settings.ReconnectionDelay, TimeProvider.System, token).ConfigureAwait(false);
                }

                try
                {
                    CqlConnection? connection = await CqlConnection.OpenAsync(HostName, Port, _settings, _logger, token).ConfigureAwait(false);
                    try
                    {
                        if (Add(connection))
                        {
                            connection = null;
                        }
                    }
                    finally
                    {
                        if (connection is not null)
                        {
                            await connection.DisposeAsync().ConfigureAwait(false);
                        }
                    }

                    wait = false;
                }
                catch (Exception ex) when (ex is ScyllaException or TimeoutException or IOException)
                {
                    LastError = ex;
                    _logger.ReconnectFailed(Address, ex);
                    wait = true;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            lock (_gate)
            {
                _reconnecting = false;
            }
        }

        // A connection may have closed after the loop's last check.
        if (!_disposed && Connections.Length < Math.Max(1, _settings.ConnectionsPerHost))
        {
            StartReconnecting();
        }
    }
}
