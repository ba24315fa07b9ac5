using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks;

/// <summary>
/// Measures which answers the real <see cref="SemanticCachingChatClient"/> would serve over labelled pairs: it caches
/// every first prompt (warm-up, in-memory store), then asks every second prompt with a threshold of almost 0, so each
/// query reports the similarity of the best candidate the cache serves (after the verifier, when one is set) and
/// whether that candidate means the same as the query (<see cref="SameMeaningIndex"/>). One run therefore shows the
/// behaviour at every threshold.
/// </summary>
public sealed class QualityRunner(IEmbeddingGenerator<string, Embedding<float>> generator, IScenarioProgress? progress = null)
{
    /// <summary>The threshold of the measuring cache: the smallest valid one, so that every candidate is served.</summary>
    public const double MeasuringThreshold = 1e-6;

    private const string AnswerPrefix = "entry:";

    private readonly IScenarioProgress _progress = progress ?? NullScenarioProgress.Instance;

    /// <summary>Caches the first prompts of <paramref name="pairs"/> and asks their second prompts.</summary>
    /// <param name="pairs">The pairs to run.</param>
    /// <param name="labels">Decides which served answers are correct; the default knows only <paramref name="pairs"/>' labels.</param>
    /// <param name="verifier">The verifier of the cache under test, or <see langword="null"/>.</param>
    /// <param name="label">The run's name, for progress.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<QualityRun> RunAsync(
        IReadOnlyList<QualityPair> pairs, SameMeaningIndex? labels, ISemanticCacheVerifier? verifier, string label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        labels ??= new SameMeaningIndex(pairs);
        var firsts = pairs.Select(p => p.First).Distinct(StringComparer.Ordinal).ToArray();
        var start = Stopwatch.GetTimestamp();

        using var store = new InMemorySemanticCacheStore(new InMemorySemanticCacheStoreOptions { MaxEntries = Math.Max(1_000, firsts.Length * 2) });
        var options = new SemanticCacheOptions
        {
            SimilarityThreshold = MeasuringThreshold,
            Verifier = verifier,
            LookupTimeout = TimeSpan.FromMinutes(1),
            WriteTimeout = TimeSpan.FromMinutes(1),
            CacheName = "quality",
            TimeToLivePolicy = _ => SemanticCacheTtlDecision.DoNotCache, // queries that miss must not become candidates for later ones
        };
        using var client = new SemanticCachingChatClient(new ScriptedChatClient(), store, generator, options);

        var warmUp = _progress.Start($"{label}: caching {firsts.Length} first prompts", firsts.Length);
        var reported = 0;
        await client.Cache.WarmUpAsync(
            firsts.Select((first, i) => new SemanticCacheWarmUpItem(first, AnswerPrefix + i.ToString(CultureInfo.InvariantCulture))),
            new InlineProgress(p =>
            {
                for (; reported < p.Processed; reported++)
                {
                    warmUp.Increment();
                }
            }),
            cancellationToken);
        warmUp.Complete();

        var queries = _progress.Start($"{label}: asking {pairs.Count} second prompts", pairs.Count);
        var scored = new List<SemanticCacheScoredPair>(pairs.Count);
        foreach (var pair in pairs)
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, pair.Second)], cancellationToken: cancellationToken);
            var hit = response.GetSemanticCacheHit();
            if (hit is null || !TryEntry(response.Text, firsts.Length, out var served))
            {
                scored.Add(new SemanticCacheScoredPair(QualityRun.NotServed, false));
            }
            else
            {
                var correct = labels.IsSameMeaning(firsts[served], pair.Second);
                scored.Add(new SemanticCacheScoredPair(double.IsNaN(hit.Similarity) ? 1 : hit.Similarity, correct));
            }

            queries.Increment();
        }

        queries.Complete();
        return new QualityRun(label, scored, firsts.Length, pairs.Count(p => p.IsDuplicate), Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private static bool TryEntry(string text, int count, out int entry)
    {
        entry = -1;
        return text.StartsWith(AnswerPrefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(AnswerPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out entry)
            && entry < count;
    }

    private sealed class InlineProgress(Action<SemanticCacheWarmUpProgress> report) : IProgress<SemanticCacheWarmUpProgress>
    {
        public void Report(SemanticCacheWarmUpProgress value) => report(value);
    }
}
