namespace SemanticCache;

/// <summary>
/// Confirms a candidate before it is served. The cache asks it about the best candidates at or above the threshold
/// (up to <see cref="SemanticCacheOptions.VerificationCandidates"/>), most similar first; a rejected candidate is skipped,
/// and when every candidate is rejected the request is a miss.
/// </summary>
/// <remarks>
/// Plug in a cross-encoder or an LLM judge here (docs/tuning-the-threshold.md measures what a verifier must beat).
/// Verification runs inside the lookup budget (<see cref="SemanticCacheOptions.LookupTimeout"/>); a verifier that throws
/// rejects the candidate (the cache never serves an answer it could not verify). Implementations must be thread-safe.
/// </remarks>
public interface ISemanticCacheVerifier
{
    /// <summary>Decides whether <paramref name="candidate"/> answers <paramref name="query"/>.</summary>
    /// <param name="query">The text of the request that was embedded.</param>
    /// <param name="candidate">The stored entry (its <see cref="SemanticCacheEntry.EmbeddedText"/> is the earlier prompt).</param>
    /// <param name="similarity">The cosine similarity of the two prompts.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> to serve the candidate.</returns>
    ValueTask<bool> VerifyAsync(string query, SemanticCacheEntry candidate, double similarity, CancellationToken cancellationToken = default);
}
