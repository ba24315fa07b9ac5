using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace SemanticCache;

/// <summary>
/// A delegating chat client that serves an earlier answer when a new prompt means the same: it embeds the prompt, finds
/// the nearest earlier prompts within the request's exact scope, and returns the stored answer of the best one whose
/// cosine similarity is at least the threshold; otherwise it calls the inner client and stores the answer.
/// </summary>
/// <remarks>
/// <para>
/// Scope: only requests with the same effective model, system prompt and instructions, output-affecting options (tools
/// included), earlier conversation and partition can share an answer; only the embedded user text is compared by meaning.
/// An identical request (same scope, same normalised text) is served by an exact lookup without embedding.
/// </para>
/// <para>
/// The cache fails open: lookups are bounded by <see cref="SemanticCacheOptions.LookupTimeout"/>, store and embedding
/// failures become misses, writes never throw, and a circuit breaker skips a failing store. Concurrent identical misses
/// make one inner call (single-flight). Only the caller's own cancellation and the inner client's own errors reach the caller.
/// </para>
/// <para>
/// Streaming and non-streaming calls share entries: a hit is replayed as a stream of updates, and a streamed miss is
/// stored once it has completed successfully (never when it fails, is cancelled or is abandoned).
/// </para>
/// <para>Thread-safe when the store and the embedding generator are. The store keeps prompt text and serialized responses.</para>
/// </remarks>
public class SemanticCachingChatClient : DelegatingChatClient
{
    private readonly SemanticCacheEngine _engine;
    private readonly bool _ownsEngine;
    private readonly Lazy<string?> _defaultModelId;
    private readonly BoundSemanticCache _cache;

    /// <summary>Initializes a new instance of the <see cref="SemanticCachingChatClient"/> class with its own cache.</summary>
    /// <param name="innerClient">The client that answers misses.</param>
    /// <param name="store">The store of entries; the caller keeps ownership.</param>
    /// <param name="embeddingGenerator">The embedding generator for prompts; the caller keeps ownership.</param>
    /// <param name="options">The options; <see langword="null"/> uses the defaults.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> disables logging.</param>
    /// <param name="timeProvider">The clock for expiry and timeouts; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid.</exception>
    public SemanticCachingChatClient(
        IChatClient innerClient,
        ISemanticCacheStore store,
        IEmbeddingGenerator<string, Embedding<float>> embeddingGenerator,
        SemanticCacheOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
        : this(innerClient, new SemanticCacheEngine(store, embeddingGenerator, options ?? new SemanticCacheOptions(), loggerFactory, timeProvider), ownsEngine: true)
    {
    }

    internal SemanticCachingChatClient(IChatClient innerClient, SemanticCacheEngine engine, bool ownsEngine)
        : base(innerClient)
    {
        _engine = engine;
        _ownsEngine = ownsEngine;
        _defaultModelId = new Lazy<string?>(() => InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId);
        _cache = new BoundSemanticCache(engine, () => _defaultModelId.Value);
    }

    /// <summary>Gets the cache's options. Change them only before the first request.</summary>
    public SemanticCacheOptions Options => _engine.Options;

    /// <summary>Gets the administration of the cache behind this client (invalidation, warm-up, statistics).</summary>
    public ISemanticCache Cache => _cache;

    internal SemanticCacheEngine Engine => _engine;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var plan = Plan(list, options);
        if (plan is null)
        {
            return await base.GetResponseAsync(list, options, cancellationToken);
        }

        var outcome = default(LookupOutcome);
        if (!plan.Control.Refresh)
        {
            outcome = await _engine.LookupAsync(plan.Request, plan.Threshold, cancellationToken);
            if (outcome.IsHit)
            {
                return Serve(outcome.Response!, outcome.Result, outcome.Tier, outcome.Similarity, outcome.Entry!);
            }
        }

        if (!_engine.Options.EnableSingleFlight || plan.Control.Refresh)
        {
            RecordMiss(outcome);
            return (await CallAndStoreAsync(list, options, plan, outcome.Vector, cancellationToken)).Response;
        }

        if (!_engine.Flights.TryLead(plan.Request.Key, out var flight))
        {
            var shared = await flight.WaitAsync(cancellationToken);
            if (shared is not null && _engine.TryDecode(shared, plan.Request, _engine.TimeProvider.GetUtcNow(), out var sharedResponse))
            {
                _engine.RecordLookup(SemanticCacheLookupResult.HitCoalesced, SemanticCacheTier.Flight, outcome.Duration);
                return Serve(sharedResponse, SemanticCacheLookupResult.HitCoalesced, SemanticCacheTier.Flight, 1, shared);
            }

            // The leader failed, was cancelled or got an uncacheable answer: never share that, answer by ourselves.
            RecordMiss(outcome);
            return (await CallAndStoreAsync(list, options, plan, outcome.Vector, cancellationToken)).Response;
        }

        SemanticCacheEntry? published = null;
        try
        {
            RecordMiss(outcome);
            var (response, entry) = await CallAndStoreAsync(list, options, plan, outcome.Vector, cancellationToken);
            published = entry;
            return response;
        }
        finally
        {
            flight.Complete(published);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var plan = Plan(list, options);
        if (plan is null)
        {
            await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var outcome = default(LookupOutcome);
        if (!plan.Control.Refresh)
        {
            outcome = await _engine.LookupAsync(plan.Request, plan.Threshold, cancellationToken);
            if (outcome.IsHit)
            {
                var hit = Serve(outcome.Response!, outcome.Result, outcome.Tier, outcome.Similarity, outcome.Entry!);
                foreach (var update in HitResponses.ToUpdates(hit, _engine.Options.StreamingReplayChunkSize))
                {
                    yield return update;
                }

                yield break;
            }
        }

        SingleFlight.Flight? leading = null;
        if (_engine.Options.EnableSingleFlight && !plan.Control.Refresh)
        {
            if (_engine.Flights.TryLead(plan.Request.Key, out var flight))
            {
                leading = flight;
            }
            else
            {
                var shared = await flight.WaitAsync(cancellationToken);
                if (shared is not null && _engine.TryDecode(shared, plan.Request, _engine.TimeProvider.GetUtcNow(), out var sharedResponse))
                {
                    _engine.RecordLookup(SemanticCacheLookupResult.HitCoalesced, SemanticCacheTier.Flight, outcome.Duration);
                    var hit = Serve(sharedResponse, SemanticCacheLookupResult.HitCoalesced, SemanticCacheTier.Flight, 1, shared);
                    foreach (var update in HitResponses.ToUpdates(hit, _engine.Options.StreamingReplayChunkSize))
                    {
                        yield return update;
                    }

                    yield break;
                }
            }
        }

        RecordMiss(outcome);
        var captured = new List<ChatResponseUpdate>();
        SemanticCacheEntry? published = null;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken))
            {
                captured.Add(update);
                yield return update;
            }

            // Only a stream that ran to its end is stored: a failed, cancelled or abandoned one never reaches this line.
            published = await StoreAsync(list, options, plan, captured.ToChatResponse(), outcome.Vector);
        }
        finally
        {
            leading?.Complete(published);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(ISemanticCache) ? _cache : base.GetService(serviceType, serviceKey);
    }

    /// <summary>
    /// Decides whether a request may use the cache at all. By default: not when it continues a server-side conversation
    /// (<see cref="ChatOptions.ConversationId"/>, unless <see cref="SemanticCacheOptions.CacheRequestsWithConversationId"/>)
    /// or a background response (<see cref="ChatOptions.ContinuationToken"/>), and not when its last message is not a user message.
    /// </summary>
    /// <param name="messages">The request messages.</param>
    /// <param name="options">The request options.</param>
    /// <returns><see langword="true"/> to look the request up and store its answer.</returns>
    protected virtual bool EnableCaching(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return (options?.ConversationId is null || _engine.Options.CacheRequestsWithConversationId)
            && options?.ContinuationToken is null
            && messages.Count > 0
            && messages[^1].Role == ChatRole.User;
    }

    /// <summary>
    /// Decides whether a model's answer may be stored. By default: not when it is empty, contains function calls (unless
    /// <see cref="SemanticCacheOptions.CacheResponsesWithToolCalls"/>), is an unfinished background response, or ended
    /// with a finish reason outside <see cref="SemanticCacheOptions.CacheableFinishReasons"/>.
    /// </summary>
    /// <param name="response">The model's answer.</param>
    /// <returns><see langword="true"/> to store it.</returns>
    protected virtual bool IsCacheable(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.ContinuationToken is not null)
        {
            return false;
        }

        if (response.FinishReason is { } finishReason && !_engine.Options.CacheableFinishReasons.Contains(finishReason))
        {
            return false;
        }

        var hasContent = false;
        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                if (content is FunctionCallContent && !_engine.Options.CacheResponsesWithToolCalls)
                {
                    return false;
                }

                hasContent |= content is not TextContent text || !string.IsNullOrWhiteSpace(text.Text);
            }
        }

        return hasContent;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsEngine)
        {
            _engine.Dispose();
        }

        base.Dispose(disposing);
    }

    private RequestPlan? Plan(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var control = RequestControl.From(options);
        if (control.Bypass)
        {
            _engine.RecordLookup(SemanticCacheLookupResult.Bypass, SemanticCacheTier.None, TimeSpan.Zero);
            return null;
        }

        CanonicalRequest? request = null;
        if (EnableCaching(messages, options))
        {
            try
            {
                var partition = _engine.ResolvePartition(messages, options, control);
                request = _engine.Canonicalizer.Canonicalize(messages, options, _defaultModelId.Value, partition);
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
            {
                // A request the cache cannot canonicalise (e.g. an unregistered custom content type) is simply not cached.
                Log.OperationFailed(_engine.Logger, _engine.Options.CacheName, "canonicalisation", ex);
            }
        }

        if (request is null)
        {
            Log.NotCached(_engine.Logger, _engine.Options.CacheName, "request not cacheable");
            _engine.RecordLookup(SemanticCacheLookupResult.Bypass, SemanticCacheTier.None, TimeSpan.Zero);
            return null;
        }

        return new RequestPlan(request, control, control.Threshold ?? _engine.Options.SimilarityThreshold);
    }

    private void RecordMiss(in LookupOutcome outcome)
    {
        // Refresh requests made no lookup; errors, timeouts and breaker bypasses were recorded by the lookup itself.
        if (outcome.Result == SemanticCacheLookupResult.Miss)
        {
            _engine.RecordLookup(SemanticCacheLookupResult.Miss, SemanticCacheTier.None, outcome.Duration);
        }
    }

    private async Task<(ChatResponse Response, SemanticCacheEntry? Entry)> CallAndStoreAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, RequestPlan plan, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        return (response, await StoreAsync(messages, options, plan, response, vector));
    }

    private async Task<SemanticCacheEntry?> StoreAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, RequestPlan plan, ChatResponse response, ReadOnlyMemory<float> vector)
    {
        if (!IsCacheable(response))
        {
            Log.NotCached(_engine.Logger, _engine.Options.CacheName, "response not cacheable");
            return null;
        }

        SemanticCacheEntry entry;
        try
        {
            var timeToLive = plan.Control.TimeToLive ?? _engine.Options.DefaultTimeToLive;
            if (_engine.Options.TimeToLivePolicy is { } policy)
            {
                var decision = policy(new SemanticCacheTtlContext(messages, options, response, timeToLive));
                if (!decision.Store)
                {
                    Log.NotCached(_engine.Logger, _engine.Options.CacheName, "time-to-live policy");
                    return null;
                }

                timeToLive = decision.TimeToLive;
            }

            entry = _engine.CreateEntry(plan.Request, response, timeToLive, plan.Control.Tags, vector);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A policy that throws or a response that cannot be serialized costs the cache an entry, never the caller its answer.
            _engine.Telemetry.RecordWriteFailure("error");
            Log.WriteFailed(_engine.Logger, _engine.Options.CacheName, plan.Request.Key, "the entry could not be created", ex);
            return null;
        }

        await _engine.WriteAsync(entry);
        return entry;
    }

    private ChatResponse Serve(ChatResponse response, SemanticCacheLookupResult result, SemanticCacheTier tier, double similarity, SemanticCacheEntry entry)
    {
        var kind = result switch
        {
            SemanticCacheLookupResult.HitSemantic => SemanticCacheHitKind.Semantic,
            SemanticCacheLookupResult.HitCoalesced => SemanticCacheHitKind.Coalesced,
            _ => SemanticCacheHitKind.Exact,
        };
        return HitResponses.Mark(response, kind, tier, similarity, entry, _engine.TimeProvider.GetUtcNow());
    }
}
