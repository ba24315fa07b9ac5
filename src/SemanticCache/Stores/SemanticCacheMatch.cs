namespace SemanticCache;

/// <summary>A candidate returned by <see cref="ISemanticCacheStore.SearchAsync"/>.</summary>
/// <param name="Entry">The stored entry.</param>
/// <param name="Similarity">How similar the entry's vector is to the query vector; higher is more similar (cosine similarity for the cosine function).</param>
public readonly record struct SemanticCacheMatch(SemanticCacheEntry Entry, double Similarity);
