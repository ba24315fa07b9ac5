namespace SemanticCache;

/// <summary>
/// Options of the retry of transient store failures: exponential backoff with jitter, always inside the lookup or write timeout.
/// </summary>
public sealed class SemanticCacheRetryOptions
{
    /// <summary>Gets or sets how many times a failed store operation is retried; 0 disables retries.</summary>
    /// <value>The default is 2. Valid values are 0 to 10.</value>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Gets or sets the delay before the first retry; each later retry doubles it, with ±50% jitter.</summary>
    /// <value>The default is 10 milliseconds.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Gets or sets the longest delay between two attempts.</summary>
    /// <value>The default is 200 milliseconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Gets or sets the predicate that decides whether a store exception is transient (worth a retry).
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: <see cref="TimeoutException"/>, <see cref="IOException"/>,
    /// <see cref="System.Net.Sockets.SocketException"/>, <see cref="System.Net.Http.HttpRequestException"/> and any
    /// <see cref="System.Data.Common.DbException"/> whose <c>IsTransient</c> is <see langword="true"/> are retried.
    /// </value>
    public Func<Exception, bool>? ShouldRetry { get; set; }
}
