namespace SemanticCache;

/// <summary>Two prompts and whether they mean the same (so that one's answer may be served for the other).</summary>
/// <param name="First">The prompt already cached.</param>
/// <param name="Second">The incoming prompt.</param>
/// <param name="IsSameMeaning">The label: <see langword="true"/> when serving the first's answer for the second is correct.</param>
public sealed record SemanticCacheLabelledPair(string First, string Second, bool IsSameMeaning);
