namespace SemanticCache.Benchmarks.Tests;

/// <summary>Hand-made reports, so that the writers and charts are tested on known numbers.</summary>
internal static class SampleReports
{
    public static ScenarioReport Scenario(bool concurrency = true)
    {
        static ScenarioResult Result(string scenario, int concurrency, double p50, int hits = 0) =>
            new(scenario, concurrency, 10, 10, 0, hits, new LatencyStatistics(10, p50, p50 * 2, p50 * 3, p50 * 4, p50 * 1.5), 0.5);

        BackendReport Backend(string name, double factor)
        {
            var results = new List<ScenarioResult>
            {
                Result(ScenarioNames.MissEndToEnd, 1, 1.2 * factor),
                Result(ScenarioNames.MissLookup, 1, 0.8 * factor),
                Result(ScenarioNames.MissWrite, 1, 0.3 * factor),
                Result(ScenarioNames.CacheHits, 1, 0.02 * factor, hits: 10),
                Result(ScenarioNames.SemanticSimilarity, 1, 0.9 * factor, hits: 7),
            };
            if (concurrency)
            {
                foreach (var level in new[] { 1, 5 })
                {
                    results.AddRange(ScenarioNames.Concurrent.Select(w => Result(w, level, level * factor, hits: 8)));
                }
            }

            return new BackendReport(name, BackendStatus.Measured)
            {
                Description = name + " store, \"quoted\", with commas",
                Results = results,
                SimilarityPairs =
                [
                    new SimilarityPairResult("base prompts", "What is the capital of France?", "Which city is the capital of France?", 0.93, true, true, 0.93),
                    new SimilarityPairResult("base prompts", "How do vaccines work?", "How does a vaccine work in the body?", 0.71, false, false, null),
                ],
                MemoryBefore = new MemorySnapshot(100 << 20, 20 << 20),
                MemoryAfter = new MemorySnapshot(120 << 20, 30 << 20),
                LookupResults = new Dictionary<string, long> { ["hit_exact"] = 10, ["miss"] = 5 },
            };
        }

        return new ScenarioReport
        {
            StartedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
            EmbeddingModel = "test-model",
            Dimensions = 384,
            SimilarityThreshold = 0.9,
            LlmLatencyMilliseconds = 0,
            PromptsFile = "prompts.txt",
            UniquePrompts = 10,
            VariantPrompts = 2,
            Machine = "test machine",
            Backends =
            [
                Backend(ScenarioBackends.Memory, 1),
                Backend(ScenarioBackends.PgVector, 3),
                new BackendReport(ScenarioBackends.Scylla, BackendStatus.Unavailable) { Message = "not configured" },
            ],
        };
    }

    /// <summary>Queries with known similarities: above 0.8 mostly correct, below mostly wrong; the verifier run drops some wrong ones.</summary>
    public static QualityReport Quality(double targetPrecision = 0.93)
    {
        var plain = new List<SemanticCacheScoredPair>();
        var verified = new List<SemanticCacheScoredPair>();
        for (var i = 0; i < 400; i++)
        {
            var similarity = 0.5 + ((i % 100) / 200.0);
            var correct = similarity >= 0.8 ? i % 20 != 0 : i % 3 == 0;
            plain.Add(new SemanticCacheScoredPair(similarity, correct));
            verified.Add(correct || i % 2 == 0 ? new SemanticCacheScoredPair(similarity, correct) : new SemanticCacheScoredPair(QualityRun.NotServed, false));
        }

        return QualityReport.Create(
            "test-model",
            "pairs.jsonl",
            new QualityRun("cache alone", plain, 400, 200, 1),
            new QualityRun("with lexical verifier", verified, 400, 200, 1),
            targetPrecision);
    }
}
