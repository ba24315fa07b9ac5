using Microsoft.Extensions.Logging;

namespace SemanticCache;

/// <summary>
/// Every log message of the core package, source-generated, with stable event ids (documented in docs/operations.md).
/// Prompt text appears only in <see cref="LookupPrompt"/>, at Trace level, and only when sensitive data is enabled.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Semantic cache '{CacheName}': {Operation} failed; the request proceeds without the cache.")]
    public static partial void OperationFailed(ILogger logger, string cacheName, string operation, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Semantic cache '{CacheName}': lookup exceeded {Timeout}; the request proceeds as a miss.")]
    public static partial void LookupTimedOut(ILogger logger, string cacheName, TimeSpan timeout);

    [LoggerMessage(3, LogLevel.Warning, "Semantic cache '{CacheName}': writing entry {EntryKey} failed ({Reason}); the response was returned uncached.")]
    public static partial void WriteFailed(ILogger logger, string cacheName, string entryKey, string reason, Exception? exception);

    [LoggerMessage(4, LogLevel.Warning, "Semantic cache '{CacheName}': the background write queue is full ({Capacity}); entry {EntryKey} was dropped.")]
    public static partial void WriteDropped(ILogger logger, string cacheName, int capacity, string entryKey);

    [LoggerMessage(5, LogLevel.Warning, "Semantic cache '{CacheName}': circuit breaker opened after {Failures} consecutive store failures; the store is skipped for {BreakDuration}.")]
    public static partial void CircuitOpened(ILogger logger, string cacheName, int failures, TimeSpan breakDuration);

    [LoggerMessage(6, LogLevel.Information, "Semantic cache '{CacheName}': circuit breaker half-open; probing the store.")]
    public static partial void CircuitHalfOpened(ILogger logger, string cacheName);

    [LoggerMessage(7, LogLevel.Information, "Semantic cache '{CacheName}': circuit breaker closed; the store is healthy again.")]
    public static partial void CircuitClosed(ILogger logger, string cacheName);

    [LoggerMessage(8, LogLevel.Warning, "Semantic cache '{CacheName}': entry {EntryKey} cannot be read ({Reason}) and is ignored.")]
    public static partial void UnreadableEntry(ILogger logger, string cacheName, string entryKey, string reason);

    [LoggerMessage(9, LogLevel.Debug, "Semantic cache '{CacheName}': {Result} from {Tier} (entry {EntryKey}, similarity {Similarity}).")]
    public static partial void Hit(ILogger logger, string cacheName, string result, string tier, string entryKey, double similarity);

    [LoggerMessage(10, LogLevel.Debug, "Semantic cache '{CacheName}': {Result} (best similarity {BestSimilarity}, threshold {Threshold}).")]
    public static partial void NoHit(ILogger logger, string cacheName, string result, double? bestSimilarity, double threshold);

    [LoggerMessage(11, LogLevel.Trace, "Semantic cache '{CacheName}': lookup of key {EntryKey} for prompt: {Prompt}")]
    public static partial void LookupPrompt(ILogger logger, string cacheName, string entryKey, string prompt);

    [LoggerMessage(12, LogLevel.Debug, "Semantic cache '{CacheName}': store {Operation} attempt {Attempt} failed transiently; retrying in {Delay}.")]
    public static partial void StoreRetry(ILogger logger, string cacheName, string operation, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(13, LogLevel.Information, "Semantic cache '{CacheName}': warm-up wrote {Written} of {Total} entries ({Skipped} skipped).")]
    public static partial void WarmUpCompleted(ILogger logger, string cacheName, int written, int total, int skipped);

    [LoggerMessage(14, LogLevel.Debug, "Semantic cache '{CacheName}': request not cached ({Reason}).")]
    public static partial void NotCached(ILogger logger, string cacheName, string reason);

    [LoggerMessage(15, LogLevel.Information, "Semantic cache '{CacheName}': embedding generator ready in {Elapsed}.")]
    public static partial void EmbeddingGeneratorReady(ILogger logger, string cacheName, TimeSpan elapsed);

    [LoggerMessage(16, LogLevel.Warning, "Semantic cache '{CacheName}': the embedding generator failed at start-up; requests embed as usual and fail open until it works.")]
    public static partial void EmbeddingGeneratorWarmUpFailed(ILogger logger, string cacheName, Exception exception);

    [LoggerMessage(17, LogLevel.Warning, "Semantic cache '{CacheName}': cannot be built at start-up, so its embedding generator was not warmed.")]
    public static partial void CacheNotBuiltAtStart(ILogger logger, string cacheName, Exception exception);
}
