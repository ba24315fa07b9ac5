using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>
/// The outcome of a lookup: a hit to serve, or a miss with the embedding already computed (reused by the write).
/// A miss is recorded by the caller once it knows whether a concurrent identical request answered it (hit-coalesced).
/// </summary>
internal readonly record struct LookupOutcome(
    SemanticCacheLookupResult Result,
    SemanticCacheTier Tier,
    SemanticCacheEntry? Entry,
    ChatResponse? Response,
    double Similarity,
    ReadOnlyMemory<float> Vector)
{
    /// <summary>Gets how long the lookup took.</summary>
    public TimeSpan Duration { get; init; }

    public bool IsHit => Response is not null;
}
