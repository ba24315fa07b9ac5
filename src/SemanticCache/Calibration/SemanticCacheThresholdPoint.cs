namespace SemanticCache;

/// <summary>How a cache would behave at one threshold over a labelled set.</summary>
/// <param name="Threshold">The threshold: a hit requires similarity ≥ threshold.</param>
/// <param name="Hits">Queries that would be hits.</param>
/// <param name="CorrectHits">Hits whose candidate is labelled same-meaning.</param>
/// <param name="Precision">Correct hits ÷ hits (1 when there are no hits).</param>
/// <param name="Recall">Correct hits ÷ same-meaning queries.</param>
/// <param name="HitRatio">Hits ÷ queries (CHR).</param>
/// <param name="ValidHitRatio">Correct hits ÷ queries, i.e. precision × hit ratio (VCHR).</param>
public readonly record struct SemanticCacheThresholdPoint(
    double Threshold, int Hits, int CorrectHits, double Precision, double Recall, double HitRatio, double ValidHitRatio);
