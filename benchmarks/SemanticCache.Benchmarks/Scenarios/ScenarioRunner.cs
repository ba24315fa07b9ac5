using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks;

/// <summary>
/// Runs the scenarios of the scenario benchmark on each backend through the real <see cref="SemanticCachingChatClient"/>:
/// a warm-up, cache misses (split into the lookup before the model and the write after it), cache hits (one prompt
/// repeated), semantic similarity (variants against their cached base prompts) and, when asked, concurrent reads,
/// writes and a mixed 80/20 workload at each concurrency level. Misses are answered by the simulated model
/// (<see cref="ScriptedChatClient"/>) after <see cref="ScenarioSettings.LlmLatency"/>, so the cache's own costs are measured.
/// </summary>
public sealed class ScenarioRunner
{
    // Generous budgets: the benchmark measures how long lookups and writes take rather than capping them at the
    // production defaults (a capped lookup would turn into a fast miss and hide the cost).
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private readonly ScenarioSettings _settings;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly string _modelDescription;
    private readonly IScenarioProgress _progress;
    private readonly TimeProvider _timeProvider;

    public ScenarioRunner(
        ScenarioSettings settings,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        string modelDescription,
        IScenarioProgress? progress = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(generator);
        if (settings.Prompts.Unique.Count == 0)
        {
            throw new BenchmarkSetupException($"The prompts file {settings.Prompts.Source} has no prompt that is not a variant.");
        }

        _settings = settings;
        _generator = generator;
        _modelDescription = modelDescription;
        _progress = progress ?? NullScenarioProgress.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public async Task<ScenarioReport> RunAsync(IReadOnlyList<BackendPlan> backends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var startedAt = _timeProvider.GetUtcNow();
        var dimensions = (await _generator.GenerateAsync(["dimension probe"], cancellationToken: cancellationToken))[0].Vector.Length;
        var reports = new List<BackendReport>();
        foreach (var plan in backends)
        {
            reports.Add(await RunBackendAsync(plan, dimensions, cancellationToken));
        }

        return new ScenarioReport
        {
            StartedAt = startedAt,
            EmbeddingModel = _modelDescription,
            Dimensions = dimensions,
            SimilarityThreshold = _settings.SimilarityThreshold,
            LlmLatencyMilliseconds = _settings.LlmLatency.TotalMilliseconds,
            PromptsFile = _settings.Prompts.Source,
            UniquePrompts = _settings.Prompts.Unique.Count,
            VariantPrompts = _settings.Prompts.Variants.Count,
            Machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            Backends = reports,
        };
    }

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static async Task<(OperationOutcome Outcome, ChatResponse Response)> AskAsync(
        IChatClient client, string prompt, ChatOptions? options, CancellationToken cancellationToken)
    {
        var timings = new CallTimings();
        CallTimings.Current = timings;
        var start = Stopwatch.GetTimestamp();
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken);
        var end = Stopwatch.GetTimestamp();
        var hit = response.GetSemanticCacheHit() is not null;
        var outcome = timings.ModelCalled
            ? new OperationOutcome(hit, Milliseconds(start, timings.ModelStarted), Milliseconds(timings.ModelFinished, end))
            : new OperationOutcome(hit);
        return (outcome, response);
    }

    private static ChatOptions Partition(string partition) => new ChatOptions().WithSemanticCachePartition(partition);

    private async Task<BackendReport> RunBackendAsync(BackendPlan plan, int dimensions, CancellationToken cancellationToken)
    {
        if (plan.CreateAsync is null)
        {
            return new BackendReport(plan.Name, BackendStatus.Unavailable) { Message = plan.UnavailableReason };
        }

        var memoryBefore = MemorySnapshot.Take();
        ScenarioBackend backend;
        try
        {
            backend = await plan.CreateAsync(dimensions, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new BackendReport(plan.Name, BackendStatus.Failed) { Message = $"could not be set up: {exception.Message}" };
        }

        await using (backend)
        {
            var storeMisses = new StrongBox<bool>(true);
            var options = new SemanticCacheOptions
            {
                SimilarityThreshold = _settings.SimilarityThreshold,
                LookupTimeout = Budget,
                WriteTimeout = Budget,
                CacheName = "benchmark-" + plan.Name,

                // The similarity scenario asks variants without storing their misses, so that every variant is
                // compared with its base prompt and never with an earlier variant.
                TimeToLivePolicy = context => !storeMisses.Value ? SemanticCacheTtlDecision.DoNotCache
                    : context.TimeToLive is { } ttl ? SemanticCacheTtlDecision.Expire(ttl) : SemanticCacheTtlDecision.NeverExpire,
            };
            using var client = new SemanticCachingChatClient(
                new TimingChatClient(new ScriptedChatClient(_settings.LlmLatency)), backend.Store, _generator, options);
            var results = new List<ScenarioResult>();
            IReadOnlyList<SimilarityPairResult> pairs = [];
            try
            {
                await WarmUpAsync(plan.Name, client, cancellationToken);
                results.AddRange(await MissesAsync(plan.Name, client, cancellationToken));
                results.Add(await HitsAsync(plan.Name, client, cancellationToken));
                if (backend.SettleTime > TimeSpan.Zero)
                {
                    await Task.Delay(backend.SettleTime, cancellationToken);
                }

                storeMisses.Value = false;
                (var similarity, pairs) = await SimilarityAsync(plan.Name, client, cancellationToken);
                storeMisses.Value = true;
                results.Add(similarity);
                if (_settings.ConcurrencyTest)
                {
                    results.AddRange(await ConcurrencyAsync(plan.Name, client, cancellationToken));
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                return new BackendReport(plan.Name, BackendStatus.Failed)
                {
                    Description = backend.Description,
                    Message = $"stopped: {exception.Message}",
                    Results = results,
                    SimilarityPairs = pairs,
                };
            }

            var statistics = client.Cache.GetStatistics();
            return new BackendReport(plan.Name, BackendStatus.Measured)
            {
                Description = backend.Description,
                Results = results,
                SimilarityPairs = pairs,
                MemoryBefore = memoryBefore,
                MemoryAfter = MemorySnapshot.Take(), // while the store still holds every entry
                LookupResults = statistics.LookupsByResult.Where(p => p.Value > 0)
                    .ToDictionary(p => TelemetryName(p.Key), p => p.Value, StringComparer.Ordinal),
                WriteFailures = statistics.WriteFailures + statistics.WritesDropped,
            };
        }
    }

    private static string TelemetryName(SemanticCacheLookupResult result) => result switch
    {
        SemanticCacheLookupResult.HitExact => "hit_exact",
        SemanticCacheLookupResult.HitSemantic => "hit_semantic",
        SemanticCacheLookupResult.HitCoalesced => "hit_coalesced",
        _ => result.ToString().ToLowerInvariant(),
    };

    // Runs the code paths once (JIT, connection pools, the model's session) on a partition of its own, then empties the cache.
    private async Task WarmUpAsync(string backend, SemanticCachingChatClient client, CancellationToken cancellationToken)
    {
        var unique = _settings.Prompts.Unique;
        var task = _progress.Start($"{backend}: warm-up", _settings.WarmupOperations);
        for (var i = 0; i < _settings.WarmupOperations; i++)
        {
            var prompt = unique[i % unique.Count].Text;
            await AskAsync(client, prompt, Partition("warm-up"), cancellationToken);
            await AskAsync(client, prompt, Partition("warm-up"), cancellationToken);
            task.Increment();
        }

        task.Complete();
        await client.Cache.ClearAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<ScenarioResult>> MissesAsync(string backend, IChatClient client, CancellationToken cancellationToken)
    {
        var unique = _settings.Prompts.Unique;
        var run = await MeasureAsync(
            $"{backend}: {ScenarioNames.MissEndToEnd}",
            unique.Count,
            1,
            async (i, ct) => (await AskAsync(client, unique[i].Text, null, ct)).Outcome,
            cancellationToken);
        var misses = run.Outcomes.Where(o => o is { Hit: false, LookupMilliseconds: not null }).ToArray();
        return
        [
            run.ToResult(ScenarioNames.MissEndToEnd, 1),
            run.ToResult(ScenarioNames.MissLookup, 1) with
            {
                Latency = LatencyStatistics.From(misses.Select(o => o.LookupMilliseconds!.Value)),
                Hits = 0,
                Successes = misses.Length,
            },
            run.ToResult(ScenarioNames.MissWrite, 1) with
            {
                Latency = LatencyStatistics.From(misses.Select(o => o.WriteMilliseconds!.Value)),
                Hits = 0,
                Successes = misses.Length,
            },
        ];
    }

    private async Task<ScenarioResult> HitsAsync(string backend, IChatClient client, CancellationToken cancellationToken)
    {
        var prompt = _settings.Prompts.Unique[0].Text;
        var run = await MeasureAsync(
            $"{backend}: {ScenarioNames.CacheHits}",
            _settings.HitIterations,
            1,
            async (_, ct) => (await AskAsync(client, prompt, null, ct)).Outcome,
            cancellationToken);
        return run.ToResult(ScenarioNames.CacheHits, 1);
    }

    private async Task<(ScenarioResult Result, IReadOnlyList<SimilarityPairResult> Pairs)> SimilarityAsync(
        string backend, IChatClient client, CancellationToken cancellationToken)
    {
        var variants = _settings.Prompts.Variants;
        var pairs = new SimilarityPairResult[variants.Count];
        var similarities = await SimilaritiesAsync(variants, cancellationToken);
        var run = await MeasureAsync(
            $"{backend}: {ScenarioNames.SemanticSimilarity}",
            variants.Count,
            1,
            async (i, ct) =>
            {
                var variant = variants[i];
                var (outcome, response) = await AskAsync(client, variant.Text, null, ct);
                var hit = response.GetSemanticCacheHit();
                var baseAnswer = await new ScriptedChatClient().GetResponseAsync([new ChatMessage(ChatRole.User, variant.BasePrompt!.Text)], cancellationToken: ct);
                var fromBase = hit is not null && response.Text == baseAnswer.Text;
                pairs[i] = new SimilarityPairResult(variant.Category, variant.BasePrompt!.Text, variant.Text, similarities[i], hit is not null, fromBase, hit?.Similarity);
                return outcome;
            },
            cancellationToken);
        return (run.ToResult(ScenarioNames.SemanticSimilarity, 1), pairs.Where(p => p is not null).ToArray());
    }

    private async Task<double[]> SimilaritiesAsync(IReadOnlyList<BenchmarkPrompt> variants, CancellationToken cancellationToken)
    {
        if (variants.Count == 0)
        {
            return [];
        }

        var embeddings = await _generator.GenerateAsync(
            variants.SelectMany(v => new[] { v.BasePrompt!.Text, v.Text }), cancellationToken: cancellationToken);
        return variants.Select((_, i) => (double)TensorPrimitives.CosineSimilarity(
            embeddings[2 * i].Vector.Span, embeddings[(2 * i) + 1].Vector.Span)).ToArray();
    }

    private async Task<IReadOnlyList<ScenarioResult>> ConcurrencyAsync(string backend, IChatClient client, CancellationToken cancellationToken)
    {
        var unique = _settings.Prompts.Unique;
        var results = new List<ScenarioResult>();
        foreach (var level in _settings.ConcurrencyLevels)
        {
            for (var w = 0; w < ScenarioNames.Concurrent.Count; w++)
            {
                var workload = ScenarioNames.Concurrent[w];
                // Reads ask cached prompts; writes ask a prompt in a partition of its own, so each one is a real miss
                // (exact lookup, embedding, search, simulated model, store write) that no earlier write can answer.
                var prefix = string.Create(CultureInfo.InvariantCulture, $"write-{level}-{w}-");
                var run = await MeasureAsync(
                    $"{backend}: {workload} ×{level}",
                    _settings.ConcurrentOperations,
                    level,
                    async (i, ct) =>
                    {
                        var write = workload == ScenarioNames.ConcurrentWrites || (workload == ScenarioNames.Mixed && i % 5 == 4);
                        var prompt = unique[i % unique.Count].Text;
                        var options = write ? Partition(prefix + i.ToString(CultureInfo.InvariantCulture)) : null;
                        return (await AskAsync(client, prompt, options, ct)).Outcome;
                    },
                    cancellationToken);
                results.Add(run.ToResult(workload, level));
            }
        }

        return results;
    }

    private async Task<Measurement> MeasureAsync(
        string description, int operations, int concurrency, Func<int, CancellationToken, Task<OperationOutcome>> operation, CancellationToken cancellationToken)
    {
        var task = _progress.Start(description, operations);
        var latencies = new double?[operations];
        var outcomes = new OperationOutcome?[operations];
        var next = -1;
        var failures = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(
            async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < operations; i = Interlocked.Increment(ref next))
                {
                    var begin = Stopwatch.GetTimestamp();
                    try
                    {
                        outcomes[i] = await operation(i, cancellationToken);
                        latencies[i] = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstError, exception.Message, null);
                    }

                    task.Increment();
                }
            },
            cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        task.Complete();
        return new Measurement(
            operations,
            failures,
            firstError,
            latencies.Where(l => l.HasValue).Select(l => l!.Value).ToArray(),
            outcomes.Where(o => o.HasValue).Select(o => o!.Value).ToArray(),
            elapsed);
    }

    private sealed record Measurement(int Operations, int Failures, string? FirstError, double[] Latencies, OperationOutcome[] Outcomes, double ElapsedSeconds)
    {
        public ScenarioResult ToResult(string scenario, int concurrency) => new(
            scenario,
            concurrency,
            Operations,
            Outcomes.Length,
            Failures,
            Outcomes.Count(o => o.Hit),
            LatencyStatistics.From(Latencies),
            ElapsedSeconds)
        { FirstError = FirstError };
    }
}
