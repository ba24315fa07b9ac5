namespace SemanticCache.Benchmarks;

/// <summary>The outcome of the quality command: the calibration of the cache alone and with the lexical verifier.</summary>
public sealed record QualityReport
{
    /// <summary>The hit ratios at which the two runs' precisions are compared.</summary>
    public static IReadOnlyList<double> ComparedHitRatios { get; } = [0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50];

    public required string EmbeddingModel { get; init; }

    public required string PairsFile { get; init; }

    public required QualityRun Plain { get; init; }

    public required SemanticCacheCalibrationResult PlainCalibration { get; init; }

    public QualityRun? Verified { get; init; }

    public SemanticCacheCalibrationResult? VerifiedCalibration { get; init; }

    public static QualityReport Create(string model, string pairsFile, QualityRun plain, QualityRun? verified, double targetPrecision)
    {
        ArgumentNullException.ThrowIfNull(plain);
        return new QualityReport
        {
            EmbeddingModel = model,
            PairsFile = pairsFile,
            Plain = plain,
            PlainCalibration = SemanticCacheCalibrator.Calibrate(plain.Scored, targetPrecision),
            Verified = verified,
            VerifiedCalibration = verified is null ? null : SemanticCacheCalibrator.Calibrate(verified.Scored, targetPrecision),
        };
    }

    /// <summary>Gets the precision without and with the verifier at each compared hit ratio both runs reach.</summary>
    public IReadOnlyList<(double HitRatio, double Plain, double Verified)> EqualHitRatio()
    {
        if (Verified is null)
        {
            return [];
        }

        var rows = new List<(double, double, double)>();
        foreach (var ratio in ComparedHitRatios)
        {
            if (Plain.PrecisionAtHitRatio(ratio) is { } plain && Verified.PrecisionAtHitRatio(ratio) is { } verified)
            {
                rows.Add((ratio, plain, verified));
            }
        }

        return rows;
    }
}
