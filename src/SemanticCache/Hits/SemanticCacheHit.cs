using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>Describes a response served by the semantic cache.</summary>
/// <param name="Kind">How the response matched the request.</param>
/// <param name="Tier">The tier that answered.</param>
/// <param name="Similarity">The similarity of the served entry (1 for exact and coalesced hits).</param>
/// <param name="EntryKey">The key of the served entry.</param>
/// <param name="EntryAge">How long ago the served entry was written.</param>
/// <param name="OriginalUsage">The token usage of the original model call, if it was recorded.</param>
public sealed record SemanticCacheHit(
    SemanticCacheHitKind Kind, SemanticCacheTier Tier, double Similarity, string EntryKey, TimeSpan EntryAge, UsageDetails? OriginalUsage);
