namespace SemanticCache;

/// <summary>The outcome of <see cref="SemanticCacheCalibrator"/>: the behaviour at every threshold and the recommended one.</summary>
public sealed class SemanticCacheCalibrationResult
{
    /// <summary>Gets the behaviour at thresholds 0.00, 0.01, …, 1.00.</summary>
    public required IReadOnlyList<SemanticCacheThresholdPoint> Points { get; init; }

    /// <summary>Gets the number of labelled queries.</summary>
    public required int Pairs { get; init; }

    /// <summary>Gets the number of queries labelled same-meaning.</summary>
    public required int Positives { get; init; }

    /// <summary>Gets the precision the recommendation aims at.</summary>
    public required double TargetPrecision { get; init; }

    /// <summary>
    /// Gets the lowest threshold at which the precision, and the precision at every higher threshold, reaches
    /// <see cref="TargetPrecision"/>; <see langword="null"/> when no threshold with at least one hit does.
    /// </summary>
    public required double? RecommendedThreshold { get; init; }

    /// <summary>Gets the behaviour at <see cref="RecommendedThreshold"/>.</summary>
    public SemanticCacheThresholdPoint? Recommended => RecommendedThreshold is { } t ? Points.First(p => Math.Abs(p.Threshold - t) < 1e-9) : null;

    /// <summary>
    /// Gets the area under the precision/hit-ratio curve (P-CHR AUC), integrated over every distinct similarity from a hit
    /// ratio of 0 to 1: higher is better. With a share p of same-meaning queries, a perfect ranking reaches p·(1 + ln(1/p)).
    /// </summary>
    public required double PrecisionHitRatioAuc { get; init; }

    /// <summary>Gets the lower bound of the 95 % Wilson interval of the precision at the recommended threshold.</summary>
    public required double? PrecisionLowerBound { get; init; }

    /// <summary>Gets a warning when the labelled set is too small for the recommendation to be trusted, else <see langword="null"/>.</summary>
    public required string? ConfidenceNote { get; init; }
}
