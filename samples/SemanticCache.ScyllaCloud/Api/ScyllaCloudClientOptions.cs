namespace SemanticCache.ScyllaCloud;

/// <summary>Settings of <see cref="ScyllaCloudClient"/>, resolved from the command line and environment.</summary>
internal sealed class ScyllaCloudClientOptions
{
    public required Uri BaseUrl { get; init; }

    public required string ApiToken { get; init; }

    public int MaxRetries { get; init; } = 3;

    /// <summary>Gets the first retry delay, doubled on each further attempt (a Retry-After header wins).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the sink of <c>--debug</c> traces, or <see langword="null"/> when debugging is off.</summary>
    public Action<string>? Debug { get; init; }
}
