using Microsoft.Extensions.Options;

namespace SemanticCache;

/// <summary>Validates <see cref="SemanticCacheOptions"/>; used by dependency injection (at start) and by the constructors alike.</summary>
internal sealed class SemanticCacheOptionsValidator : IValidateOptions<SemanticCacheOptions>
{
    public static SemanticCacheOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, SemanticCacheOptions options)
    {
        var failures = new List<string>();
        void Check(bool valid, string message)
        {
            if (!valid)
            {
                failures.Add(message);
            }
        }

        Check(options.SimilarityThreshold > 0 && options.SimilarityThreshold <= 1,
            $"{nameof(options.SimilarityThreshold)} must be greater than 0 and at most 1 (a hit requires cosine similarity ≥ threshold); it is {options.SimilarityThreshold}.");
        Check(options.MaxCandidates is >= 1 and <= 1000, $"{nameof(options.MaxCandidates)} must be between 1 and 1000; it is {options.MaxCandidates}.");
        Check(options.DefaultTimeToLive is null || options.DefaultTimeToLive > TimeSpan.Zero,
            $"{nameof(options.DefaultTimeToLive)} must be positive, or null for no expiry; it is {options.DefaultTimeToLive}.");
        Check(options.EmbeddedUserMessageCount is >= 1 and <= 100,
            $"{nameof(options.EmbeddedUserMessageCount)} must be between 1 and 100; it is {options.EmbeddedUserMessageCount}.");
        Check(options.CacheableFinishReasons is not null, $"{nameof(options.CacheableFinishReasons)} must not be null.");
        Check(options.StreamingReplayChunkSize >= 1, $"{nameof(options.StreamingReplayChunkSize)} must be at least 1; it is {options.StreamingReplayChunkSize}.");
        Check(options.JsonSerializerOptions is not null, $"{nameof(options.JsonSerializerOptions)} must not be null.");
        Check(!string.IsNullOrWhiteSpace(options.CacheName), $"{nameof(options.CacheName)} must not be empty.");
        Check(options.LookupTimeout > TimeSpan.Zero && options.LookupTimeout <= TimeSpan.FromMinutes(5),
            $"{nameof(options.LookupTimeout)} must be positive and at most 5 minutes; it is {options.LookupTimeout}.");
        Check(options.WriteTimeout > TimeSpan.Zero && options.WriteTimeout <= TimeSpan.FromMinutes(5),
            $"{nameof(options.WriteTimeout)} must be positive and at most 5 minutes; it is {options.WriteTimeout}.");
        Check(options.BackgroundWriteQueueCapacity is >= 1 and <= 1_000_000,
            $"{nameof(options.BackgroundWriteQueueCapacity)} must be between 1 and 1,000,000; it is {options.BackgroundWriteQueueCapacity}.");
        Check(options.VerificationCandidates is >= 1 and <= 1000,
            $"{nameof(options.VerificationCandidates)} must be between 1 and 1000; it is {options.VerificationCandidates}.");
        Check(options.WarmUpBatchSize is >= 1 and <= 4096, $"{nameof(options.WarmUpBatchSize)} must be between 1 and 4096; it is {options.WarmUpBatchSize}.");

        if (options.CircuitBreaker is not { } breaker)
        {
            failures.Add($"{nameof(options.CircuitBreaker)} must not be null.");
        }
        else
        {
            Check(breaker.FailureThreshold is >= 1 and <= 1000,
                $"{nameof(options.CircuitBreaker)}.{nameof(breaker.FailureThreshold)} must be between 1 and 1000; it is {breaker.FailureThreshold}.");
            Check(breaker.BreakDuration > TimeSpan.Zero,
                $"{nameof(options.CircuitBreaker)}.{nameof(breaker.BreakDuration)} must be positive; it is {breaker.BreakDuration}.");
        }

        if (options.Retry is not { } retry)
        {
            failures.Add($"{nameof(options.Retry)} must not be null.");
        }
        else
        {
            Check(retry.MaxRetryAttempts is >= 0 and <= 10,
                $"{nameof(options.Retry)}.{nameof(retry.MaxRetryAttempts)} must be between 0 and 10; it is {retry.MaxRetryAttempts}.");
            Check(retry.BaseDelay >= TimeSpan.Zero && retry.MaxDelay >= retry.BaseDelay,
                $"{nameof(options.Retry)} delays must satisfy 0 ≤ {nameof(retry.BaseDelay)} ≤ {nameof(retry.MaxDelay)}; they are {retry.BaseDelay} and {retry.MaxDelay}.");
        }

        if (options.L1 is { } l1)
        {
            Check(l1.MaxEntries is null or >= 1, $"{nameof(options.L1)}.{nameof(l1.MaxEntries)} must be at least 1 when set; it is {l1.MaxEntries}.");
            Check(l1.MaxBytes is null or >= 1024, $"{nameof(options.L1)}.{nameof(l1.MaxBytes)} must be at least 1024 when set; it is {l1.MaxBytes}.");
            Check(l1.MaxEntries is not null || l1.MaxBytes is not null, $"{nameof(options.L1)} needs a bound: set {nameof(l1.MaxEntries)}, {nameof(l1.MaxBytes)} or both.");
            Check(l1.MaxTimeToLive is null || l1.MaxTimeToLive > TimeSpan.Zero,
                $"{nameof(options.L1)}.{nameof(l1.MaxTimeToLive)} must be positive when set; it is {l1.MaxTimeToLive}.");
            Check(Enum.IsDefined(l1.EvictionPolicy), $"{nameof(options.L1)}.{nameof(l1.EvictionPolicy)} is not a known policy: {l1.EvictionPolicy}.");
        }

        Check(Enum.IsDefined(options.WriteMode), $"{nameof(options.WriteMode)} is not a known mode: {options.WriteMode}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(SemanticCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SemanticCacheOptions), result.Failures);
        }
    }
}
