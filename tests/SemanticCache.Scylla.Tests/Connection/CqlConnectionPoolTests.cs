using Microsoft.Extensions.Logging.Abstractions;

namespace SemanticCache.Scylla.Tests;

public sealed class CqlConnectionPoolTests
{
    [Fact]
    public async Task InitializeAsync_OpensTheConfiguredConnectionsToEveryHost()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        await using var pool = new CqlConnectionPool(TestSettings.For([first, second], connectionsPerHost: 3), NullLogger.Instance);

        await pool.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, first.TotalConnections);
        Assert.Equal(3, second.TotalConnections);
        Assert.All(pool.Hosts, h => Assert.Equal(3, h.Connections.Length));
    }

    [Fact]
    public async Task AcquireAsync_RoundRobin_SpreadsRequestsEvenlyOverTheWhitelistedHosts()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        first.OnRequest = second.OnRequest = r => PeerResults.SingleInt(1);
        await using var pool = new CqlConnectionPool(TestSettings.For([first, second], connectionsPerHost: 2), NullLogger.Instance);
        await pool.InitializeAsync(TestContext.Current.CancellationToken);

        for (int i = 0; i < 20; i++)
        {
            await QueryAsync(pool);
        }

        Assert.Equal(10, first.ReceivedWithOpcode(0x07).Count());
        Assert.Equal(10, second.ReceivedWithOpcode(0x07).Count());
    }

    [Fact]
    public async Task AcquireAsync_HostMarkedDown_GetsNoRequestsUntilReconnectedAfterTheConstantDelay()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        first.OnRequest = second.OnRequest = r => PeerResults.SingleInt(1);
        var settings = TestSettings.For([first, second], connectionsPerHost: 2);
        settings = Copy(settings, reconnectionDelay: TimeSpan.FromMilliseconds(1500));
        await using var pool = new CqlConnectionPool(settings, NullLogger.Instance);
        await pool.InitializeAsync(TestContext.Current.CancellationToken);

        // The second host drops every connection but keeps listening: it is down until the delay has passed.
        await second.DropConnectionsAsync();
        Assert.True(await TestSettings.EventuallyAsync(() => !pool.Hosts[1].IsUp));
        int before = second.ReceivedWithOpcode(0x07).Count();
        for (int i = 0; i < 10; i++)
        {
            await QueryAsync(pool);
        }

        Assert.Equal(before, second.ReceivedWithOpcode(0x07).Count());
        Assert.True(await TestSettings.EventuallyAsync(() => pool.Hosts[1].IsUp));
        for (int i = 0; i < 10; i++)
        {
            await QueryAsync(pool);
        }

        Assert.True(second.ReceivedWithOpcode(0x07).Count() > before);
    }

    [Fact]
    public async Task AcquireAsync_HostStoppedAndRestarted_ComesBackUp()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        first.OnRequest = second.OnRequest = r => PeerResults.SingleInt(1);
        await using var pool = new CqlConnectionPool(TestSettings.For([first, second]), NullLogger.Instance);
        await pool.InitializeAsync(TestContext.Current.CancellationToken);

        await second.StopAsync();
        Assert.True(await TestSettings.EventuallyAsync(() => !pool.Hosts[1].IsUp));
        await QueryAsync(pool);
        second.Restart();

        Assert.True(await TestSettings.EventuallyAsync(() => pool.Hosts[1].IsUp));
        Assert.True(second.TotalConnections >= 2);
    }

    [Fact]
    public async Task InitializeAsync_OneHostUnreachable_StartsAndConnectsToItLater()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        await second.StopAsync();
        await using var pool = new CqlConnectionPool(TestSettings.For([first, second]), NullLogger.Instance);

        await pool.InitializeAsync(TestContext.Current.CancellationToken);
        Assert.True(pool.Hosts[0].IsUp);
        Assert.False(pool.Hosts[1].IsUp);
        second.Restart();

        Assert.True(await TestSettings.EventuallyAsync(() => pool.Hosts[1].IsUp));
    }

    [Fact]
    public async Task InitializeAsync_NoHostReachable_ThrowsConnectionExceptionNamingTheHosts()
    {
        await using var peer = CqlPeer.Start();
        await peer.StopAsync();
        await using var pool = new CqlConnectionPool(TestSettings.For(peer), NullLogger.Instance);

        var exception = await Assert.ThrowsAsync<ScyllaConnectionException>(() => pool.InitializeAsync(TestContext.Current.CancellationToken));

        Assert.Contains(peer.ContactPoint, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_EveryConnectionBusyAndFailFast_ThrowsBusy()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = r => PeerResults.SingleInt(1, TimeSpan.FromMilliseconds(300));
        var settings = TestSettings.For([peer], maxRequestsPerConnection: 1, waitWhenBusy: false);
        await using var pool = new CqlConnectionPool(settings, NullLogger.Instance);
        await pool.InitializeAsync(TestContext.Current.CancellationToken);

        var first = QueryAsync(pool);

        await Assert.ThrowsAsync<ScyllaBusyException>(() => QueryAsync(pool));
        await first;
    }

    [Fact]
    public async Task AcquireAsync_EveryConnectionBusyAndWaiting_RunsWhenAStreamFrees()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = r => PeerResults.SingleInt(1, TimeSpan.FromMilliseconds(100));
        await using var pool = new CqlConnectionPool(TestSettings.For([peer], maxRequestsPerConnection: 1), NullLogger.Instance);
        await pool.InitializeAsync(TestContext.Current.CancellationToken);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => QueryAsync(pool)));

        Assert.Equal(1, peer.MaxInFlight);
        Assert.Equal(5, peer.ReceivedWithOpcode(0x07).Count());
    }

    [Fact]
    public async Task AcquireAsync_ThousandConcurrentRequestsOverFewConnections_AllComplete()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        first.OnRequest = second.OnRequest = r => PeerResults.SingleInt(PeerResults.NumberIn(r), TimeSpan.FromMilliseconds(Random.Shared.Next(0, 10)));
        await using var pool = new CqlConnectionPool(TestSettings.For([first, second], connectionsPerHost: 2, maxRequestsPerConnection: 256), NullLogger.Instance);
        await pool.InitializeAsync(TestContext.Current.CancellationToken);

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => QueryAsync(pool, i)));

        Assert.Equal(Enumerable.Range(0, 1000), results);
        Assert.Equal(4, first.TotalConnections + second.TotalConnections);
    }

    private static async Task<int> QueryAsync(CqlConnectionPool pool, int number = 1)
    {
        var (_, connection) = await pool.AcquireAsync(null, TestContext.Current.CancellationToken);
        using var request = CqlRequestEncoder.Query($"Q {number}", new CqlQueryParameters { Consistency = ScyllaConsistency.One });
        using var frame = await connection.SendAsync(request, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        return (int)CqlResponseDecoder.DecodeResult(frame).Rows!.Rows[0][0]!;
    }

    private static CqlConnectionSettings Copy(CqlConnectionSettings settings, TimeSpan reconnectionDelay) => new()
    {
        ContactPoints = settings.ContactPoints,
        ConnectionsPerHost = settings.ConnectionsPerHost,
        MaxRequestsPerConnection = settings.MaxRequestsPerConnection,
        ConnectTimeout = settings.ConnectTimeout,
        RequestTimeout = settings.RequestTimeout,
        ReconnectionDelay = reconnectionDelay,
        WaitWhenBusy = settings.WaitWhenBusy,
    };
}
