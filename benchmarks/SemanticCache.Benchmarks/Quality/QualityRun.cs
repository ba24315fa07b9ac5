namespace SemanticCache.Benchmarks;

/// <summary>
/// The queries of a quality run, scored: for each asked prompt, the similarity of the entry the cache served and whether
/// it was correct. A query the cache did not serve at all is scored with <see cref="NotServed"/>, below every threshold.
/// </summary>
public sealed record QualityRun(string Label, IReadOnlyList<SemanticCacheScoredPair> Scored, int Entries, int Duplicates, double ElapsedSeconds)
{
    public const double NotServed = -1;

    /// <summary>Gets the queries the cache served at the lowest threshold.</summary>
    public int Served => Scored.Count(s => s.Similarity > NotServed);

    /// <summary>Gets the precision of the <paramref name="hitRatio"/> share of queries with the most similar served entries, or <see langword="null"/> when fewer were served.</summary>
    public double? PrecisionAtHitRatio(double hitRatio)
    {
        var hits = (int)Math.Round(hitRatio * Scored.Count);
        var served = Scored.Where(s => s.Similarity > NotServed).OrderByDescending(s => s.Similarity).ToArray();
        if (hits < 1 || hits > served.Length)
        {
            return null;
        }

        return (double)served.Take(hits).Count(s => s.IsSameMeaning) / hits;
    }
}
