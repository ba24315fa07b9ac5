using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SemanticCache;

/// <summary>
/// The cache itself, shared by every <see cref="SemanticCachingChatClient"/> built on it: canonicalisation, the L1 tier,
/// fail-open lookups and writes against the store and the embedding generator, single-flight, telemetry and administration.
/// </summary>
/// <remarks>It never owns the store or the embedding generator: whoever supplied them disposes them.</remarks>
internal sealed class SemanticCacheEngine : ISemanticCache, IAsyncDisposable, IDisposable
{
    private readonly ISemanticCacheStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly StoreGuard _guard;
    private readonly L1Cache? _l1;
    private readonly Channel<SemanticCacheEntry>? _writeQueue;
    private readonly Task? _writeLoop;
    private int _disposed;
    private int _hitRecordsInFlight;

    public SemanticCacheEngine(
        ISemanticCacheStore store,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        SemanticCacheOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(generator);
        SemanticCacheOptionsValidator.ThrowIfInvalid(options);
        _store = store;
        _generator = generator;
        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SemanticCachingChatClient>();
        Canonicalizer = new RequestCanonicalizer(options);
        CircuitBreaker? breaker = null;
        Telemetry = new SemanticCacheTelemetry(options.CacheName, meterFactory, () => breaker?.State ?? SemanticCacheCircuitState.Closed);
        breaker = new CircuitBreaker(options.CircuitBreaker, TimeProvider, OnCircuitTransition);
        _guard = new StoreGuard(store, breaker, options.Retry, Telemetry, Logger, TimeProvider);
        _l1 = options.L1 is { } l1 ? new L1Cache(l1) : null;
        if (options.WriteMode == SemanticCacheWriteMode.Background)
        {
            _writeQueue = Channel.CreateBounded<SemanticCacheEntry>(new BoundedChannelOptions(options.BackgroundWriteQueueCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails fast, and the entry is dropped and counted
            });
            _writeLoop = Task.Run(DrainWriteQueueAsync);
        }
    }

    public SemanticCacheOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public SemanticCacheTelemetry Telemetry { get; }

    public RequestCanonicalizer Canonicalizer { get; }

    public SingleFlight Flights { get; } = new();

    public SemanticCacheCircuitState CircuitState => _guard.Breaker.State;

    public string ResolvePartition(IReadOnlyList<ChatMessage> messages, ChatOptions? options, in RequestControl control) =>
        control.Partition ?? Options.PartitionProvider?.Invoke(messages, options) ?? string.Empty;

    /// <summary>Looks a request up: L1, then the exact key in the store, then the nearest neighbours of its embedding.</summary>
    /// <remarks>Never throws but for the caller's own cancellation: failures and timeouts become misses.</remarks>
    public async ValueTask<LookupOutcome> LookupAsync(CanonicalRequest request, double threshold, CancellationToken cancellationToken)
    {
        var started = TimeProvider.GetTimestamp();
        using var activity = Telemetry.StartActivity(TelemetryNames.LookupActivity);
        if (Options.EnableSensitiveData)
        {
            activity?.SetTag(TelemetryNames.PromptTag, request.EmbeddedText);
            Log.LookupPrompt(Logger, Options.CacheName, request.Key, request.EmbeddedText);
        }

        var now = TimeProvider.GetUtcNow();
        if (_l1 is not null && _l1.TryGet(request.Key, now, out var cached) && TryDecode(cached, request, now, out var l1Response))
        {
            return Finish(new LookupOutcome(SemanticCacheLookupResult.HitExact, SemanticCacheTier.L1, cached, l1Response, 1, default));
        }

        using var deadline = new CancellationTokenSource(Options.LookupTimeout, TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        ReadOnlyMemory<float> vector = default;
        try
        {
            var exact = await _guard.ExecuteAsync("get", (store, token) => store.GetAsync(request.Key, token), linked.Token, cancellationToken);
            if (exact is not null && TryDecode(exact, request, now, out var exactResponse))
            {
                _l1?.Set(exact, now);
                return Finish(new LookupOutcome(SemanticCacheLookupResult.HitExact, SemanticCacheTier.Store, exact, exactResponse, 1, default));
            }

            vector = await EmbedAsync(request.EmbeddedText, linked.Token, cancellationToken);
            var query = vector;
            var matches = await _guard.ExecuteAsync(
                "search", (store, token) => store.SearchAsync(request.ScopeHash, query, Options.MaxCandidates, token), linked.Token, cancellationToken);
            double? best = matches.Count > 0 ? matches[0].Similarity : null;
            if (best is { } bestSimilarity)
            {
                Telemetry.RecordSimilarity(bestSimilarity);
                activity?.SetTag(TelemetryNames.SimilarityTag, bestSimilarity);
            }

            var verifications = 0;
            foreach (var match in matches)
            {
                if (match.Similarity < threshold)
                {
                    break; // candidates come most similar first
                }

                if (Options.Verifier is { } verifier)
                {
                    if (verifications++ == Options.VerificationCandidates)
                    {
                        break;
                    }

                    if (!await VerifyAsync(verifier, request.EmbeddedText, match, linked.Token))
                    {
                        continue;
                    }
                }

                if (TryDecode(match.Entry, request, now, out var response))
                {
                    _l1?.Set(match.Entry, now);
                    return Finish(new LookupOutcome(SemanticCacheLookupResult.HitSemantic, SemanticCacheTier.Store, match.Entry, response, match.Similarity, vector));
                }
            }

            Log.NoHit(Logger, Options.CacheName, "miss", best, threshold);
            return Finish(new LookupOutcome(SemanticCacheLookupResult.Miss, SemanticCacheTier.None, null, null, best ?? 0, vector));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception) when (deadline.IsCancellationRequested)
        {
            Log.LookupTimedOut(Logger, Options.CacheName, Options.LookupTimeout);
            return Finish(new LookupOutcome(SemanticCacheLookupResult.Timeout, SemanticCacheTier.None, null, null, 0, vector));
        }
        catch (CircuitOpenException)
        {
            return Finish(new LookupOutcome(SemanticCacheLookupResult.Bypass, SemanticCacheTier.None, null, null, 0, vector));
        }
        catch (Exception ex)
        {
            Log.OperationFailed(Logger, Options.CacheName, "lookup", ex);
            return Finish(new LookupOutcome(SemanticCacheLookupResult.Error, SemanticCacheTier.None, null, null, 0, vector));
        }

        LookupOutcome Finish(LookupOutcome outcome)
        {
            var elapsed = TimeProvider.GetElapsedTime(started);
            if (outcome.Result != SemanticCacheLookupResult.Miss)
            {
                Telemetry.RecordLookup(outcome.Result, outcome.Tier, elapsed);
            }

            activity?.SetTag(TelemetryNames.ResultTag, outcome.Result.ToTagValue());
            activity?.SetTag(TelemetryNames.TierTag, outcome.Tier.ToTagValue());
            if (outcome.Entry is { } entry)
            {
                if (outcome.Tier == SemanticCacheTier.Store && _store is ISemanticCacheHitRecorder recorder)
                {
                    RecordHitInBackground(recorder, entry.Key);
                }

                Log.Hit(Logger, Options.CacheName, outcome.Result.ToTagValue(), outcome.Tier.ToTagValue(), entry.Key, outcome.Similarity);
            }

            return outcome with { Duration = elapsed };
        }
    }

    /// <summary>Records a lookup that did not reach the cache (bypassed), or the final result of a miss.</summary>
    public void RecordLookup(SemanticCacheLookupResult result, SemanticCacheTier tier, TimeSpan duration) => Telemetry.RecordLookup(result, tier, duration);

    /// <summary>Builds the entry for a model's answer; <paramref name="vector"/> may be empty, and is then computed when written.</summary>
    public SemanticCacheEntry CreateEntry(CanonicalRequest request, ChatResponse response, TimeSpan? timeToLive, IReadOnlyList<string> tags, ReadOnlyMemory<float> vector)
    {
        var now = TimeProvider.GetUtcNow();
        return new SemanticCacheEntry
        {
            Key = request.Key,
            ScopeHash = request.ScopeHash,
            Partition = request.Partition,
            EmbeddedText = request.EmbeddedText,
            Vector = vector,
            Response = JsonSerializer.SerializeToUtf8Bytes(response, Options.JsonSerializerOptions.GetTypeInfo(typeof(ChatResponse))),
            CreatedAt = now,
            ExpiresAt = timeToLive is { } ttl ? now + ttl : null,
            Tags = tags,
            ModelId = response.ModelId ?? request.ModelId,
        };
    }

    /// <summary>Decodes an entry into a fresh response, or <see langword="false"/> when it must not or cannot be served.</summary>
    public bool TryDecode(SemanticCacheEntry entry, CanonicalRequest? request, DateTimeOffset now, out ChatResponse response)
    {
        response = null!;
        if (entry.IsExpired(now) || (request is not null && !string.Equals(entry.ScopeHash, request.ScopeHash, StringComparison.Ordinal)))
        {
            return false; // the store's filters are a first line; scope and expiry are always checked here too
        }

        if (entry.FormatVersion != SemanticCacheEntry.CurrentFormatVersion)
        {
            Log.UnreadableEntry(Logger, Options.CacheName, entry.Key, $"format version {entry.FormatVersion}, expected {SemanticCacheEntry.CurrentFormatVersion}");
            return false;
        }

        try
        {
            response = (ChatResponse?)JsonSerializer.Deserialize(entry.Response.Span, Options.JsonSerializerOptions.GetTypeInfo(typeof(ChatResponse)))
                ?? throw new JsonException("the stored response is null");
            return true;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            Log.UnreadableEntry(Logger, Options.CacheName, entry.Key, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>Writes a model's answer: now (bounded by the write timeout) or through the background queue. Never throws.</summary>
    public async ValueTask WriteAsync(SemanticCacheEntry entry)
    {
        _l1?.Set(entry, TimeProvider.GetUtcNow());
        if (_writeQueue is null)
        {
            await WriteCoreAsync(entry);
        }
        else if (!_writeQueue.Writer.TryWrite(entry))
        {
            Telemetry.RecordWriteFailure("dropped");
            Log.WriteDropped(Logger, Options.CacheName, Options.BackgroundWriteQueueCapacity, entry.Key);
        }
    }

    public async ValueTask<bool> InvalidateAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _l1?.Remove(key);
        return await _store.RemoveAsync(key, cancellationToken);
    }

    public ValueTask<long> InvalidateByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return InvalidateByTagsAsync([tag], matchAll: false, cancellationToken);
    }

    public async ValueTask<long> InvalidateByTagsAsync(IReadOnlyCollection<string> tags, bool matchAll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count == 0)
        {
            return 0;
        }

        _l1?.RemoveWhere(entry => matchAll
            ? tags.All(tag => entry.Tags.Contains(tag, StringComparer.Ordinal))
            : tags.Any(tag => entry.Tags.Contains(tag, StringComparer.Ordinal)));
        return await _store.RemoveByTagsAsync(tags, matchAll, cancellationToken);
    }

    public async ValueTask<long> InvalidatePartitionAsync(string partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        _l1?.RemoveWhere(entry => string.Equals(entry.Partition, partition, StringComparison.Ordinal));
        return await _store.RemoveByPartitionAsync(partition, cancellationToken);
    }

    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        _l1?.Clear();
        await _store.ClearAsync(cancellationToken);
    }

    public Task<SemanticCacheWarmUpProgress> WarmUpAsync(
        IEnumerable<SemanticCacheWarmUpItem> items, IProgress<SemanticCacheWarmUpProgress>? progress = null, CancellationToken cancellationToken = default) =>
        WarmUpAsync(items, defaultModelId: null, progress, cancellationToken);

    /// <summary>Warm-up on behalf of a client whose inner model's default id scopes items that name no model.</summary>
    public async Task<SemanticCacheWarmUpProgress> WarmUpAsync(
        IEnumerable<SemanticCacheWarmUpItem> items, string? defaultModelId, IProgress<SemanticCacheWarmUpProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var state = new SemanticCacheWarmUpProgress(0, 0, 0);
        foreach (var batch in items.Chunk(Options.WarmUpBatchSize))
        {
            var ready = new List<(SemanticCacheWarmUpItem Item, CanonicalRequest Request, RequestControl Control)>(batch.Length);
            foreach (var item in batch)
            {
                var control = RequestControl.From(item.Options);
                var request = Canonicalizer.Canonicalize(item.Messages, item.Options, defaultModelId, ResolvePartition(item.Messages, item.Options, control));
                if (request is not null)
                {
                    ready.Add((item, request, control));
                }
            }

            var embeddings = ready.Count == 0
                ? []
                : await _generator.GenerateAsync(ready.Select(r => r.Request.EmbeddedText), cancellationToken: cancellationToken);
            if (embeddings.Count != ready.Count)
            {
                throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} embeddings for {ready.Count} inputs.");
            }

            for (var i = 0; i < ready.Count; i++)
            {
                var (item, request, control) = ready[i];
                var ttl = control.TimeToLive ?? Options.DefaultTimeToLive;
                var entry = CreateEntry(request, item.Response, ttl, control.Tags, embeddings[i].Vector);
                await _store.UpsertAsync(entry, cancellationToken);
            }

            Telemetry.RecordEntriesWritten(ready.Count);
            state = new SemanticCacheWarmUpProgress(state.Processed + batch.Length, state.Written + ready.Count, state.Skipped + batch.Length - ready.Count);
            progress?.Report(state);
        }

        Log.WarmUpCompleted(Logger, Options.CacheName, state.Written, state.Processed, state.Skipped);
        return state;
    }

    public SemanticCacheStatistics GetStatistics() => Telemetry.Snapshot();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_writeQueue is not null)
        {
            // Drain what was queued: accepted writes are not silently lost on shutdown.
            _writeQueue.Writer.TryComplete();
            await _writeLoop!;
        }

        Telemetry.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // Usage statistics are best effort: never on the request path, and skipped rather than queued under a burst.
    private void RecordHitInBackground(ISemanticCacheHitRecorder recorder, string key)
    {
        if (Interlocked.Increment(ref _hitRecordsInFlight) > 64)
        {
            Interlocked.Decrement(ref _hitRecordsInFlight);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                using var deadline = new CancellationTokenSource(Options.WriteTimeout, TimeProvider);
                await recorder.RecordHitAsync(key, deadline.Token);
            }
            catch (Exception ex)
            {
                Log.OperationFailed(Logger, Options.CacheName, "hit recording", ex);
            }
            finally
            {
                Interlocked.Decrement(ref _hitRecordsInFlight);
            }
        });
    }

    private async ValueTask<bool> VerifyAsync(ISemanticCacheVerifier verifier, string query, SemanticCacheMatch match, CancellationToken token)
    {
        try
        {
            return await verifier.VerifyAsync(query, match.Entry, match.Similarity, token).AsTask().WaitAsync(token);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            // An answer that could not be verified is not served.
            Log.OperationFailed(Logger, Options.CacheName, "verification", ex);
            return false;
        }
    }

    /// <summary>
    /// Embeds one short text so that a local model is loaded (or a remote client connected) before the first request.
    /// Never throws but for the caller's cancellation: a failure is logged, and requests then fail open as usual. It is
    /// bounded by <paramref name="timeout"/>, so a hanging remote generator cannot hold the host's start forever.
    /// </summary>
    public async Task WarmUpEmbeddingGeneratorAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = TimeProvider.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await EmbedAsync("semantic cache start-up", linked.Token, cancellationToken);
            Log.EmbeddingGeneratorReady(Logger, Options.CacheName, TimeProvider.GetElapsedTime(started));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reported = ex is OperationCanceledException && deadline.IsCancellationRequested
                ? new TimeoutException($"The embedding generator did not answer within {timeout}.", ex)
                : ex;
            Log.EmbeddingGeneratorWarmUpFailed(Logger, Options.CacheName, reported);
        }
    }

    private async ValueTask<ReadOnlyMemory<float>> EmbedAsync(string text, CancellationToken deadline, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.StartActivity(TelemetryNames.EmbeddingActivity);
        var started = TimeProvider.GetTimestamp();
        try
        {
            var embeddings = await _generator.GenerateAsync([text], cancellationToken: deadline).WaitAsync(deadline);
            if (embeddings.Count != 1)
            {
                throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} embeddings for 1 input.");
            }

            var vector = embeddings[0].Vector;
            if (vector.IsEmpty)
            {
                throw new InvalidOperationException("The embedding generator returned an empty vector.");
            }

            Telemetry.RecordEmbedding(TimeProvider.GetElapsedTime(started), null);
            return vector;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Telemetry.RecordEmbedding(TimeProvider.GetElapsedTime(started), ex.GetType().FullName);
            throw;
        }
    }

    private async Task WriteCoreAsync(SemanticCacheEntry entry)
    {
        using var deadline = new CancellationTokenSource(Options.WriteTimeout, TimeProvider);
        try
        {
            if (entry.Vector.IsEmpty)
            {
                entry = entry with { Vector = await EmbedAsync(entry.EmbeddedText, deadline.Token, CancellationToken.None) };
            }

            var toWrite = entry;
            await _guard.ExecuteAsync<bool>(
                "upsert",
                async (store, token) =>
                {
                    await store.UpsertAsync(toWrite, token);
                    return true;
                },
                deadline.Token,
                CancellationToken.None);
            Telemetry.RecordEntriesWritten(1);
        }
        catch (Exception ex)
        {
            var reason = ex switch
            {
                CircuitOpenException => "circuit_open",
                _ when deadline.IsCancellationRequested => "timeout",
                _ => "error",
            };
            Telemetry.RecordWriteFailure(reason);
            Log.WriteFailed(Logger, Options.CacheName, entry.Key, reason, ex is CircuitOpenException ? null : ex);
        }
    }

    private async Task DrainWriteQueueAsync()
    {
        await foreach (var entry in _writeQueue!.Reader.ReadAllAsync())
        {
            await WriteCoreAsync(entry);
        }
    }

    private void OnCircuitTransition(SemanticCacheCircuitState state, int failures)
    {
        Telemetry.RecordCircuitTransition(state);
        switch (state)
        {
            case SemanticCacheCircuitState.Open:
                Log.CircuitOpened(Logger, Options.CacheName, failures, Options.CircuitBreaker.BreakDuration);
                break;
            case SemanticCacheCircuitState.HalfOpen:
                Log.CircuitHalfOpened(Logger, Options.CacheName);
                break;
            default:
                Log.CircuitClosed(Logger, Options.CacheName);
                break;
        }
    }
}
