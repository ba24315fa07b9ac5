namespace SemanticCache.Benchmarks.Quality;

/// <summary>Options of <see cref="LexicalSemanticCacheVerifier"/>: which differences between two prompts reject a candidate.</summary>
public sealed class LexicalSemanticCacheVerifierOptions
{
    /// <summary>Gets or sets a value indicating whether prompts must contain the same numbers ("2 tickets" is not "3 tickets").</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CompareNumbers { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether prompts must agree on negation ("can I" is not "can't I").</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CompareNegations { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether prompts must share their rare content words: words outside a built-in list
    /// of common English words, such as names, products and technical terms ("Python" is not "Java").
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CompareRareWords { get; set; } = true;

    /// <summary>Gets or sets how many rare words may appear in one prompt and not the other before the candidate is rejected.</summary>
    /// <value>The default is 0.</value>
    public int MaxRareWordDifferences { get; set; }

    /// <summary>Gets or sets the minimum length of a word for it to count as a rare content word.</summary>
    /// <value>The default is 3.</value>
    public int MinRareWordLength { get; set; } = 3;
}
