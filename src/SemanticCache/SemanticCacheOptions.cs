using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>Options of a semantic cache: what is embedded, when a candidate is a hit, how long entries live, and how the cache protects the call.</summary>
/// <remarks>
/// Options are validated when the cache is created (and at start-up with dependency injection); an invalid value throws
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the option.
/// </remarks>
public sealed class SemanticCacheOptions
{
    /// <summary>Gets or sets the similarity a candidate needs to be served: a hit requires cosine similarity ≥ threshold.</summary>
    /// <value>The default is 0.9. Valid values are greater than 0 and at most 1.</value>
    /// <remarks>
    /// The right value depends on the embedding model and the traffic: measure it with <c>SemanticCacheCalibrator</c>
    /// (docs/tuning-the-threshold.md) instead of guessing. A single request can override it with
    /// <see cref="ChatOptionsExtensions.WithSemanticCacheThreshold(ChatOptions, double)"/>.
    /// </remarks>
    public double SimilarityThreshold { get; set; } = 0.9;

    /// <summary>Gets or sets how many nearest neighbours are fetched from the store for each lookup (k).</summary>
    /// <value>The default is 4. Valid values are 1 to 1000.</value>
    public int MaxCandidates { get; set; } = 4;

    /// <summary>Gets or sets how long an entry lives after it is written, or <see langword="null"/> for no expiry.</summary>
    /// <value>The default is 24 hours. The expiry is absolute: hits do not extend it.</value>
    public TimeSpan? DefaultTimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets how many trailing user messages are embedded (and so are compared by meaning rather than exactly).</summary>
    /// <value>The default is 1: only the last user message is embedded; everything before it must match exactly.</value>
    public int EmbeddedUserMessageCount { get; set; } = 1;

    /// <summary>
    /// Gets or sets a custom selector of the text to embed. When set, it replaces <see cref="EmbeddedUserMessageCount"/>:
    /// the returned text is embedded, and every message but the last user message is part of the exact-match scope.
    /// Returning <see langword="null"/> or white space makes the request uncacheable.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<IReadOnlyList<ChatMessage>, string?>? EmbeddedTextSelector { get; set; }

    /// <summary>
    /// Gets or sets the provider of the partition (tenant or user) of a request. Entries are only ever served within
    /// their partition. A partition set on the request with
    /// <see cref="ChatOptionsExtensions.WithSemanticCachePartition(ChatOptions, string)"/> takes precedence.
    /// </summary>
    /// <value>The default is <see langword="null"/>: every request belongs to the shared partition (the empty string).</value>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, string?>? PartitionProvider { get; set; }

    /// <summary>Gets or sets a value indicating whether responses that contain function (tool) calls are cached.</summary>
    /// <value>The default is <see langword="false"/>: a tool call depends on state the cache cannot see.</value>
    public bool CacheResponsesWithToolCalls { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether requests that continue a server-side conversation
    /// (<see cref="ChatOptions.ConversationId"/> set) are cached.
    /// </summary>
    /// <value>The default is <see langword="false"/>: the server-side history is not part of the request, so it cannot be scoped.</value>
    public bool CacheRequestsWithConversationId { get; set; }

    /// <summary>Gets or sets the finish reasons whose responses are cached. A response without a finish reason is cached.</summary>
    /// <value>The default is <see cref="ChatFinishReason.Stop"/> only: truncated, filtered and tool-call responses are not cached.</value>
    public ISet<ChatFinishReason> CacheableFinishReasons { get; set; } = new HashSet<ChatFinishReason> { ChatFinishReason.Stop };

    /// <summary>Gets or sets the number of characters of text in each update when a hit is replayed as a stream.</summary>
    /// <value>The default is 64.</value>
    public int StreamingReplayChunkSize { get; set; } = 64;

    /// <summary>Gets or sets the serializer options used to store responses.</summary>
    /// <value>The default is <see cref="AIJsonUtilities.DefaultOptions"/>. Register custom <see cref="AIContent"/> types here.</value>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = AIJsonUtilities.DefaultOptions;

    /// <summary>Gets or sets the name of the cache, reported in logs and telemetry.</summary>
    /// <value>The default is <c>"default"</c>.</value>
    public string CacheName { get; set; } = "default";

    /// <summary>
    /// Gets or sets a value indicating whether prompt text may appear in logs (at Trace level) and in trace activities.
    /// </summary>
    /// <value>
    /// The default is <see langword="true"/> only when the environment variable
    /// <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c> is <c>true</c>; otherwise <see langword="false"/>.
    /// </value>
    public bool EnableSensitiveData { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"), "true", StringComparison.OrdinalIgnoreCase);
    /// <summary>
    /// Gets or sets the time budget of a lookup (exact lookup, embedding and nearest-neighbour search together). Past it
    /// the request is treated as a miss and goes to the model: a slow store never stalls the call.
    /// </summary>
    /// <value>The default is 500 milliseconds.</value>
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the time budget of writing a miss's answer (embedding it if needed, and the store write).</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets when a miss's answer is written.</summary>
    /// <value>The default is <see cref="SemanticCacheWriteMode.WaitForWrite"/> (read-your-writes).</value>
    public SemanticCacheWriteMode WriteMode { get; set; } = SemanticCacheWriteMode.WaitForWrite;

    /// <summary>Gets or sets the capacity of the background write queue (with <see cref="SemanticCacheWriteMode.Background"/>).</summary>
    /// <value>The default is 1,000. When full, new entries are dropped and counted.</value>
    public int BackgroundWriteQueueCapacity { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets a value indicating whether concurrent identical misses are coalesced into one model call (single-flight).
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool EnableSingleFlight { get; set; } = true;

    /// <summary>Gets or sets the circuit breaker options.</summary>
    public SemanticCacheCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Gets or sets the retry options for transient store failures.</summary>
    public SemanticCacheRetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets the L1 tier options, or <see langword="null"/> for no L1 tier.</summary>
    /// <value>The default is <see langword="null"/>. <c>UseL1(...)</c> on the cache builder sets it.</value>
    public SemanticCacheL1Options? L1 { get; set; }

    /// <summary>
    /// Gets or sets a policy deciding each entry's lifetime from the request and the response, or that it is not stored
    /// (give time-sensitive answers short lives and static answers long ones).
    /// </summary>
    /// <value>The default is <see langword="null"/>: every entry gets the request's TTL override or <see cref="DefaultTimeToLive"/>.</value>
    public Func<SemanticCacheTtlContext, SemanticCacheTtlDecision>? TimeToLivePolicy { get; set; }

    /// <summary>Gets or sets how many prompts <see cref="ISemanticCache.WarmUpAsync"/> embeds per call to the embedding generator.</summary>
    /// <value>The default is 32.</value>
    public int WarmUpBatchSize { get; set; } = 32;

    /// <summary>
    /// Gets or sets a value indicating whether a cache registered with
    /// <see cref="SemanticCacheServiceCollectionExtensions.AddSemanticCache"/> embeds one short text when the host starts,
    /// so that loading a local model (or connecting to a remote one) is not paid by the first request, whose
    /// <see cref="LookupTimeout"/> it would exceed, turning a possible hit into a miss.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    /// <remarks>
    /// It runs as an <c>IHostedService</c>, so only under a .NET generic host. It waits at most 30 seconds; a failure or a
    /// longer wait is logged as a warning and never stops the host. Without a host, embed one text yourself before
    /// serving requests.
    /// </remarks>
    public bool WarmUpEmbeddingGeneratorOnStart { get; set; } = true;

    /// <summary>
    /// Gets or sets a verifier that must confirm a candidate before it is served (a lexical guard, a cross-encoder, an
    /// LLM judge), or <see langword="null"/> to serve the best candidate at or above the threshold directly.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public ISemanticCacheVerifier? Verifier { get; set; }

    /// <summary>Gets or sets how many candidates at or above the threshold the <see cref="Verifier"/> is asked about, best first.</summary>
    /// <value>The default is 3. Valid values are 1 to 1000.</value>
    public int VerificationCandidates { get; set; } = 3;
}
