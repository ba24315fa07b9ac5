using Microsoft.Extensions.Logging;

namespace SemanticCache.Scylla;

/// <summary>
/// The connections to the configured hosts. Requests go round-robin over a whitelist that is exactly the configured
/// contact points (no peer discovery), skipping hosts that are down.
/// </summary>
/// <remarks>
/// Thread-safe. When every connection of every up host carries <see cref="CqlConnectionSettings.MaxRequestsPerConnection"/>
/// requests, callers wait for a free stream (bounded by the request timeout) or fail fast with
/// <see cref="ScyllaBusyException"/>, as configured.
/// </remarks>
internal sealed class CqlConnectionPool : IAsyncDisposable
{
    private readonly CqlConnectionSettings _settings;
    private readonly CqlHost[] _hosts;
    private int _next;

    /// <summary>Initializes a new instance of the <see cref="CqlConnectionPool"/> class.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="logger">The logger.</param>
    public CqlConnectionPool(CqlConnectionSettings settings, ILogger logger)
    {
        _settings = settings;
        _hosts = [.. settings.ContactPoints.Select(c => new CqlHost(c.Host, c.Port, settings, logger))];
    }

    /// <summary>Gets the configured hosts.</summary>
    public IReadOnlyList<CqlHost> Hosts => _hosts;

    /// <summary>Gets the settings.</summary>
    public CqlConnectionSettings Settings => _settings;

    /// <summary>Connects to every host.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when at least one host is up.</returns>
    /// <exception cref="ScyllaConnectionException">No host could be reached.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(_hosts.Select(h => h.InitializeAsync(cancellationToken))).ConfigureAwait(false);
        if (!_hosts.Any(h => h.IsUp))
        {
            throw NoHostException();
        }
    }

    /// <summary>Takes an in-flight slot on a connection of the next up host in round-robin order.</summary>
    /// <param name="exclude">A host to avoid when another is up (the one a failed attempt used), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The host and the connection whose slot was taken.</returns>
    /// <exception cref="ScyllaConnectionException">Every host is down.</exception>
    /// <exception cref="ScyllaBusyException">Every connection is busy and the pool fails fast, or no stream became free in time.</exception>
    public async ValueTask<(CqlHost Host, CqlConnection Connection)> AcquireAsync(CqlHost? exclude, CancellationToken cancellationToken)
    {
        int count = _hosts.Length;
        int start = (int)((uint)Interlocked.Increment(ref _next) % (uint)count);
        CqlHost? firstUp = null;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < count; i++)
            {
                var host = _hosts[(start + i) % count];
                if (!host.IsUp || (pass == 0 && ReferenceEquals(host, exclude)))
                {
                    continue;
                }

                firstUp ??= host;
                if (host.TryAcquire(out var connection))
                {
                    return (host, connection!);
                }
            }
        }

        if (firstUp is null)
        {
            throw NoHostException();
        }

        if (!_settings.WaitWhenBusy)
        {
            throw new ScyllaBusyException(
                $"Every connection already carries {_settings.MaxRequestsPerConnection} requests (WaitWhenBusy is off).");
        }

        var waited = await firstUp.AcquireAsync(_settings.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return waited is not null
            ? (firstUp, waited)
            : throw new ScyllaBusyException($"No stream became free on {firstUp.Address} within {_settings.RequestTimeout}.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ScyllaConnectionException NoHostException()
    {
        string details = string.Join("; ", _hosts.Select(h => $"{h.Address}: {h.LastError?.Message ?? "down"}"));
        return new ScyllaConnectionException($"No host is available ({details}).", _hosts.Select(h => h.LastError).FirstOrDefault(e => e is not null));
    }
}
