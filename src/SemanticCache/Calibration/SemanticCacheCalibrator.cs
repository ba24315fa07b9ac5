using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>
/// Chooses the similarity threshold from evidence instead of a guess: over labelled prompt pairs it computes, for every
/// threshold, the precision of hits, the recall, the hit ratio and the valid hit ratio, the area under the
/// precision/hit-ratio curve, and the lowest threshold that reaches a target precision.
/// </summary>
/// <remarks>See docs/tuning-the-threshold.md. Thread-safe (stateless).</remarks>
public static class SemanticCacheCalibrator
{
    /// <summary>Embeds both prompts of every pair and calibrates on their cosine similarities.</summary>
    /// <param name="pairs">The labelled pairs.</param>
    /// <param name="embeddingGenerator">The embedding generator the cache will use.</param>
    /// <param name="targetPrecision">The precision to reach, in (0, 1].</param>
    /// <param name="batchSize">Prompts embedded per generator call.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The calibration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetPrecision"/> or <paramref name="batchSize"/> is out of range.</exception>
    public static async Task<SemanticCacheCalibrationResult> CalibrateAsync(
        IEnumerable<SemanticCacheLabelledPair> pairs,
        IEmbeddingGenerator<string, Embedding<float>> embeddingGenerator,
        double targetPrecision = 0.97,
        int batchSize = 64,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(embeddingGenerator);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ThrowIfBadTarget(targetPrecision);
        var scored = new List<SemanticCacheScoredPair>();
        foreach (var batch in pairs.Chunk(batchSize))
        {
            var embeddings = await embeddingGenerator.GenerateAsync(batch.SelectMany(p => new[] { p.First, p.Second }), cancellationToken: cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                scored.Add(new SemanticCacheScoredPair(Cosine(embeddings[2 * i].Vector.Span, embeddings[(2 * i) + 1].Vector.Span), batch[i].IsSameMeaning));
            }
        }

        return Calibrate(scored, targetPrecision);
    }

    /// <summary>Calibrates on queries already scored (for example by running them through the cache).</summary>
    /// <param name="scoredPairs">Each query's candidate similarity and label.</param>
    /// <param name="targetPrecision">The precision to reach, in (0, 1].</param>
    /// <returns>The calibration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scoredPairs"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetPrecision"/> is out of range.</exception>
    public static SemanticCacheCalibrationResult Calibrate(IEnumerable<SemanticCacheScoredPair> scoredPairs, double targetPrecision = 0.97)
    {
        ArgumentNullException.ThrowIfNull(scoredPairs);
        ThrowIfBadTarget(targetPrecision);
        var sorted = scoredPairs.OrderByDescending(p => p.Similarity).ToArray();
        var total = sorted.Length;
        var positives = sorted.Count(p => p.IsSameMeaning);

        var points = new SemanticCacheThresholdPoint[101];
        int hits = 0, correct = 0;
        for (var step = 100; step >= 0; step--)
        {
            var threshold = step / 100.0;
            while (hits < total && sorted[hits].Similarity >= threshold - 1e-12)
            {
                correct += sorted[hits].IsSameMeaning ? 1 : 0;
                hits++;
            }

            points[step] = Point(threshold, hits, correct, total, positives);
        }

        double? recommended = null;
        for (var step = 100; step >= 0 && points[step].Precision >= targetPrecision; step--)
        {
            if (points[step].Hits > 0)
            {
                recommended = points[step].Threshold;
            }
        }

        double? lowerBound = recommended is { } r ? Wilson(points[(int)Math.Round(r * 100)]) : null;
        return new SemanticCacheCalibrationResult
        {
            Points = points,
            Pairs = total,
            Positives = positives,
            TargetPrecision = targetPrecision,
            RecommendedThreshold = recommended,
            PrecisionHitRatioAuc = Auc(sorted, total),
            PrecisionLowerBound = lowerBound,
            ConfidenceNote = Note(total, positives, recommended is { } t ? points[(int)Math.Round(t * 100)].Hits : 0, lowerBound, targetPrecision),
        };
    }

    private static SemanticCacheThresholdPoint Point(double threshold, int hits, int correct, int total, int positives) => new(
        threshold,
        hits,
        correct,
        hits == 0 ? 1 : (double)correct / hits,
        positives == 0 ? 0 : (double)correct / positives,
        total == 0 ? 0 : (double)hits / total,
        total == 0 ? 0 : (double)correct / total);

    // Trapezoids over every prefix of the queries sorted by similarity: one point per possible threshold.
    private static double Auc(SemanticCacheScoredPair[] sorted, int total)
    {
        double area = 0, previousChr = 0, previousPrecision = 1;
        var correct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            correct += sorted[i].IsSameMeaning ? 1 : 0;
            if (i + 1 < sorted.Length && sorted[i + 1].Similarity == sorted[i].Similarity)
            {
                continue; // tied similarities are one threshold
            }

            var chr = (double)(i + 1) / total;
            var precision = (double)correct / (i + 1);
            area += (chr - previousChr) * (precision + previousPrecision) / 2;
            (previousChr, previousPrecision) = (chr, precision);
        }

        return area;
    }

    private static double Wilson(SemanticCacheThresholdPoint point)
    {
        const double z = 1.96;
        double n = point.Hits, p = point.Precision;
        return n == 0 ? 0 : (p + (z * z / (2 * n)) - (z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n))))) / (1 + (z * z / n));
    }

    private static string? Note(int pairs, int positives, int hitsAtRecommendation, double? lowerBound, double target)
    {
        if (pairs == 0)
        {
            return "No labelled pairs: nothing can be recommended.";
        }

        if (hitsAtRecommendation == 0)
        {
            return $"No threshold reaches precision {target:P0} on these pairs.";
        }

        if (pairs < 200 || positives < 50 || hitsAtRecommendation < 30)
        {
            return $"Few pairs ({pairs}, {positives} same-meaning, {hitsAtRecommendation} hits at the recommendation): the 95 % lower bound of the precision is {lowerBound:P1}. Label more pairs before relying on it.";
        }

        return lowerBound < target
            ? $"The 95 % lower bound of the precision at the recommendation is {lowerBound:P1}, below the target: consider a slightly higher threshold or more pairs."
            : null;
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = System.Numerics.Tensors.TensorPrimitives.Norm(a) * System.Numerics.Tensors.TensorPrimitives.Norm(b);
        return norms == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Dot(a, b) / norms;
    }

    private static void ThrowIfBadTarget(double targetPrecision)
    {
        if (!(targetPrecision > 0 && targetPrecision <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetPrecision), targetPrecision, "The target precision must be greater than 0 and at most 1.");
        }
    }
}
