using Microsoft.Extensions.Options;

namespace SemanticCache.PgVector.Tests;

public sealed class PgVectorSemanticCacheStoreOptionsValidatorTests
{
    public static TheoryData<string, Action<PgVectorSemanticCacheStoreOptions>> InvalidOptions => new()
    {
        { nameof(PgVectorSemanticCacheStoreOptions.Schema), o => o.Schema = "public; DROP SCHEMA public" },
        { nameof(PgVectorSemanticCacheStoreOptions.TableName), o => o.TableName = null! },
        { nameof(PgVectorSemanticCacheStoreOptions.Dimensions), o => o.Dimensions = 0 },
        { nameof(PgVectorSemanticCacheStoreOptions.Dimensions), o => o.Dimensions = 2001 },
        { nameof(PgVectorSemanticCacheStoreOptions.SimilarityFunction), o => o.SimilarityFunction = (PgVectorSimilarityFunction)42 },
        { nameof(PgVectorSemanticCacheStoreOptions.IterativeScan), o => o.IterativeScan = (PgVectorIterativeScan)42 },
        { nameof(PgVectorSemanticCacheStoreOptions.HnswM), o => o.HnswM = 1 },
        { nameof(PgVectorSemanticCacheStoreOptions.HnswM), o => o.HnswM = 101 },
        { nameof(PgVectorSemanticCacheStoreOptions.HnswEfConstruction), o => o.HnswEfConstruction = 1001 },
        { nameof(PgVectorSemanticCacheStoreOptions.HnswEfConstruction), o => o.HnswEfConstruction = 31 },
        { nameof(PgVectorSemanticCacheStoreOptions.HnswEfSearch), o => o.HnswEfSearch = 0 },
        { nameof(PgVectorSemanticCacheStoreOptions.HnswEfSearch), o => o.HnswEfSearch = 1001 },
        { nameof(PgVectorSemanticCacheStoreOptions.HnswMaxScanTuples), o => o.HnswMaxScanTuples = 0 },
        { nameof(PgVectorSemanticCacheStoreOptions.SweepInterval), o => o.SweepInterval = TimeSpan.Zero },
        { nameof(PgVectorSemanticCacheStoreOptions.SweepBatchSize), o => o.SweepBatchSize = 0 },
    };

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(PgVectorSemanticCacheStoreOptionsValidator.Instance.Validate(null, new PgVectorSemanticCacheStoreOptions()).Succeeded);
    }

    [Fact]
    public void Validate_BoundaryValues_Succeeds()
    {
        var options = new PgVectorSemanticCacheStoreOptions
        {
            Schema = "_s",
            TableName = "T" + new string('x', 62),
            Dimensions = 2000,
            HnswM = 100,
            HnswEfConstruction = 1000,
            HnswEfSearch = 1000,
            HnswMaxScanTuples = 1,
            SweepInterval = Timeout.InfiniteTimeSpan,
            SweepBatchSize = 100_000,
        };

        Assert.True(PgVectorSemanticCacheStoreOptionsValidator.Instance.Validate(null, options).Succeeded);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidValue_FailsNamingTheOption(string option, Action<PgVectorSemanticCacheStoreOptions> configure)
    {
        var options = new PgVectorSemanticCacheStoreOptions();
        configure(options);

        var result = PgVectorSemanticCacheStoreOptionsValidator.Instance.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(option, result.FailureMessage, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => PgVectorSemanticCacheStoreOptionsValidator.ThrowIfInvalid(options));
    }
}
