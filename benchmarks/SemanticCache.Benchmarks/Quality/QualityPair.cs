namespace SemanticCache.Benchmarks;

/// <summary>One labelled pair of the pairs file: the first prompt is cached, the second is asked.</summary>
/// <param name="Id">The pair's id in the file.</param>
/// <param name="First">The prompt that is cached (<c>question1</c>).</param>
/// <param name="Second">The prompt that is asked (<c>question2</c>).</param>
/// <param name="IsDuplicate">Whether the two mean the same, so that serving the first's answer for the second is correct.</param>
public sealed record QualityPair(long Id, string First, string Second, bool IsDuplicate);
