using System.Globalization;
using System.Text;

namespace SemanticCache.Benchmarks.Quality;

/// <summary>
/// A verifier that needs no model: it rejects a candidate whose prompt differs from the query in its numbers, its
/// negation, or its rare content words. Embeddings place "cancel my order" next to "cancel my subscription" and
/// "is it safe" next to "is it not safe"; this guard catches those cheaply.
/// </summary>
/// <remarks>
/// Measured with the <c>quality</c> command, this guard lowers precision at equal hit ratio with a semantic model (it
/// rejects most genuine paraphrases), so it is not shipped in the SemanticCache package: it lives here so that the
/// measurement stays reproducible. Stateless and thread-safe.
/// </remarks>
public sealed class LexicalSemanticCacheVerifier : ISemanticCacheVerifier
{
    private static readonly HashSet<string> Negations = new(
        ["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without", "cannot", "cant", "dont", "doesnt",
         "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "shouldnt", "couldnt", "hasnt", "havent", "hadnt", "mustnt"],
        StringComparer.Ordinal);

    private readonly LexicalSemanticCacheVerifierOptions _options;

    /// <summary>Initializes a new instance of the <see cref="LexicalSemanticCacheVerifier"/> class.</summary>
    /// <param name="options">The options; <see langword="null"/> uses the defaults.</param>
    public LexicalSemanticCacheVerifier(LexicalSemanticCacheVerifierOptions? options = null) => _options = options ?? new();

    /// <inheritdoc />
    public ValueTask<bool> VerifyAsync(string query, SemanticCacheEntry candidate, double similarity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        return ValueTask.FromResult(Agrees(query, candidate.EmbeddedText));
    }

    /// <summary>Decides whether two prompts agree on numbers, negation and rare content words.</summary>
    /// <param name="first">One prompt.</param>
    /// <param name="second">The other prompt.</param>
    /// <returns><see langword="true"/> when no enabled check finds a difference.</returns>
    public bool Agrees(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = Analyse(first);
        var b = Analyse(second);
        if (_options.CompareNumbers && !a.Numbers.SetEquals(b.Numbers))
        {
            return false;
        }

        if (_options.CompareNegations && a.Negated != b.Negated)
        {
            return false;
        }

        if (_options.CompareRareWords)
        {
            var differences = a.RareWords.Count(w => !b.RareWords.Contains(w)) + b.RareWords.Count(w => !a.RareWords.Contains(w));
            if (differences > _options.MaxRareWordDifferences)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reduces a lowercase word to a crude stem so that plurals and tenses compare equal.</summary>
    internal static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }

        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal) && !word.EndsWith("ses", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    private Analysis Analyse(string text)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var rare = new HashSet<string>(StringComparer.Ordinal);
        var negated = false;
        var token = new StringBuilder();
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        for (var i = 0; i <= normalized.Length; i++)
        {
            var c = i < normalized.Length ? normalized[i] : ' ';
            if (char.IsLetterOrDigit(c) || ((c == '.' || c == ',') && token.Length > 0 && char.IsDigit(token[^1]) && i + 1 < normalized.Length && char.IsDigit(normalized[i + 1])))
            {
                token.Append(c);
                continue;
            }

            if (c == '\'' || c == '’')
            {
                continue; // "don't" → "dont", "it's" → "its"
            }

            if (token.Length == 0)
            {
                continue;
            }

            var word = token.ToString();
            token.Clear();
            if (char.IsDigit(word[0]))
            {
                numbers.Add(NormalizeNumber(word));
            }
            else if (Negations.Contains(word))
            {
                negated = true;
            }
            else if (word.Length >= _options.MinRareWordLength)
            {
                var stem = Stem(word);
                if (!CommonEnglishWords.Stems.Contains(stem) && !CommonEnglishWords.Stems.Contains(word))
                {
                    rare.Add(stem);
                }
            }
        }

        return new Analysis(numbers, rare, negated);
    }

    private static string NormalizeNumber(string number)
    {
        var plain = number.Replace(",", string.Empty, StringComparison.Ordinal);
        return decimal.TryParse(plain, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("0.############################", CultureInfo.InvariantCulture)
            : number;
    }

    private sealed record Analysis(HashSet<string> Numbers, HashSet<string> RareWords, bool Negated);
}
