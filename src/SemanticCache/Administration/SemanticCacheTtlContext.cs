using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>What <see cref="SemanticCacheOptions.TimeToLivePolicy"/> sees when it decides an entry's lifetime.</summary>
/// <param name="Messages">The request messages.</param>
/// <param name="Options">The request options.</param>
/// <param name="Response">The model's response about to be stored.</param>
/// <param name="TimeToLive">The lifetime the entry would get without the policy (the request's override, else the default).</param>
public sealed record SemanticCacheTtlContext(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, ChatResponse Response, TimeSpan? TimeToLive);
