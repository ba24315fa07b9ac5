namespace SemanticCache;

/// <summary>Progress (and, at the end, the outcome) of <see cref="ISemanticCache.WarmUpAsync"/>.</summary>
/// <param name="Processed">Items processed so far.</param>
/// <param name="Written">Entries written so far.</param>
/// <param name="Skipped">Items skipped so far because they are not cacheable (no user text to embed, or an uncacheable response).</param>
public readonly record struct SemanticCacheWarmUpProgress(int Processed, int Written, int Skipped);
