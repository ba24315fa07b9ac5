namespace SemanticCache.Scylla.Tests;

/// <summary>Client settings for tests: short timeouts and reconnection delays so failures surface fast.</summary>
internal static class TestSettings
{
    public static CqlConnectionSettings For(
        IEnumerable<CqlPeer> peers,
        int connectionsPerHost = 1,
        int maxRequestsPerConnection = 1024,
        TimeSpan? requestTimeout = null,
        bool waitWhenBusy = true,
        string? username = null,
        string? password = null,
        int maxOrphans = 256) => new()
        {
            ContactPoints = [.. peers.Select(p => ("127.0.0.1", p.Port))],
            ConnectionsPerHost = connectionsPerHost,
            MaxRequestsPerConnection = maxRequestsPerConnection,
            ConnectTimeout = TimeSpan.FromSeconds(3),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(5),
            ReconnectionDelay = TimeSpan.FromMilliseconds(100),
            WaitWhenBusy = waitWhenBusy,
            Username = username,
            Password = password,
            MaxOrphanedRequestsPerConnection = maxOrphans,
        };

    public static CqlConnectionSettings For(CqlPeer peer, int maxRequestsPerConnection = 1024, TimeSpan? requestTimeout = null, string? username = null, string? password = null, int maxOrphans = 256) =>
        For([peer], 1, maxRequestsPerConnection, requestTimeout, true, username, password, maxOrphans);

    /// <summary>Polls a condition until it holds or a bounded time passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, int timeoutMilliseconds = 5000)
    {
        for (int waited = 0; waited < timeoutMilliseconds; waited += 20)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }
}
