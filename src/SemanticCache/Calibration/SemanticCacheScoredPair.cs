namespace SemanticCache;

/// <summary>A labelled query with the similarity of the candidate the cache would serve for it.</summary>
/// <param name="Similarity">The candidate's similarity (cosine for the default stores).</param>
/// <param name="IsSameMeaning">Whether serving that candidate is correct.</param>
public readonly record struct SemanticCacheScoredPair(double Similarity, bool IsSameMeaning);
