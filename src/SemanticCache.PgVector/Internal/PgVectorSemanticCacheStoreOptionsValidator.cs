using Microsoft.Extensions.Options;

namespace SemanticCache.PgVector;

/// <summary>Validates <see cref="PgVectorSemanticCacheStoreOptions"/>, with and without dependency injection.</summary>
internal sealed class PgVectorSemanticCacheStoreOptionsValidator : IValidateOptions<PgVectorSemanticCacheStoreOptions>
{
    /// <summary>pgvector's HNSW index supports at most this many dimensions for <c>vector</c>.</summary>
    public const int MaxIndexedDimensions = 2_000;

    public static PgVectorSemanticCacheStoreOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, PgVectorSemanticCacheStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!PgVectorIdentifier.IsValid(options.Schema))
        {
            failures.Add($"{nameof(options.Schema)} must be a plain identifier (an ASCII letter or underscore, then letters, digits or underscores, at most {PgVectorIdentifier.MaxLength} characters); it is '{options.Schema}'.");
        }

        if (!PgVectorIdentifier.IsValid(options.TableName))
        {
            failures.Add($"{nameof(options.TableName)} must be a plain identifier (an ASCII letter or underscore, then letters, digits or underscores, at most {PgVectorIdentifier.MaxLength} characters); it is '{options.TableName}'.");
        }

        if (options.Dimensions is < 1 or > MaxIndexedDimensions)
        {
            failures.Add($"{nameof(options.Dimensions)} must be between 1 and {MaxIndexedDimensions} (pgvector's HNSW limit) when set; it is {options.Dimensions}.");
        }

        if (!Enum.IsDefined(options.SimilarityFunction))
        {
            failures.Add($"{nameof(options.SimilarityFunction)} is not a defined value: {options.SimilarityFunction}.");
        }

        if (!Enum.IsDefined(options.IterativeScan))
        {
            failures.Add($"{nameof(options.IterativeScan)} is not a defined value: {options.IterativeScan}.");
        }

        if (options.HnswM is < 2 or > 100)
        {
            failures.Add($"{nameof(options.HnswM)} must be between 2 and 100; it is {options.HnswM}.");
        }

        if (options.HnswEfConstruction is < 4 or > 1000)
        {
            failures.Add($"{nameof(options.HnswEfConstruction)} must be between 4 and 1000; it is {options.HnswEfConstruction}.");
        }
        else if (options.HnswEfConstruction < 2 * options.HnswM)
        {
            failures.Add($"{nameof(options.HnswEfConstruction)} must be at least 2 × {nameof(options.HnswM)} ({2 * options.HnswM}); it is {options.HnswEfConstruction}.");
        }

        if (options.HnswEfSearch is < 1 or > 1000)
        {
            failures.Add($"{nameof(options.HnswEfSearch)} must be between 1 and 1000; it is {options.HnswEfSearch}.");
        }

        if (options.HnswMaxScanTuples is < 1)
        {
            failures.Add($"{nameof(options.HnswMaxScanTuples)} must be positive when set; it is {options.HnswMaxScanTuples}.");
        }

        if (options.SweepInterval != Timeout.InfiniteTimeSpan && options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.SweepInterval)} must be positive, or Timeout.InfiniteTimeSpan to disable the sweeper; it is {options.SweepInterval}.");
        }

        if (options.SweepBatchSize is < 1 or > 100_000)
        {
            failures.Add($"{nameof(options.SweepBatchSize)} must be between 1 and 100,000; it is {options.SweepBatchSize}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(PgVectorSemanticCacheStoreOptions options)
    {
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PgVectorSemanticCacheStoreOptions), result.Failures);
        }
    }
}
