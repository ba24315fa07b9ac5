using Microsoft.ML.Tokenizers;

namespace SemanticCache.Onnx;

/// <summary>
/// Turns text into the <c>[CLS] … [SEP]</c> token ids a BERT sentence-embedding model expects, matching Hugging Face's
/// tokenizer for the model (see the package README for the measured parity and the known differences).
/// </summary>
/// <remarks>
/// Built on <see cref="BertTokenizer"/> (its WordPiece step and vocabulary handling), with three changes that the
/// reference implementation needs:
/// <list type="bullet">
/// <item>the normalizer is <see cref="HuggingFaceBertNormalizer"/> and the pre-tokenizer is <see cref="BertPunctuationPreTokenizer"/>;</item>
/// <item>special tokens written literally in the text (<c>[CLS]</c>, <c>[SEP]</c>, <c>[PAD]</c>, <c>[UNK]</c>, <c>[MASK]</c>) are matched
/// case-sensitively in the raw text before normalisation, as Hugging Face's added-token split does (the built-in split runs after
/// lower-casing and so also matches <c>[cls]</c>);</item>
/// <item>truncation keeps <c>[CLS]</c> and <c>[SEP]</c> and cuts the content, possibly inside a word, as Hugging Face does.</item>
/// </list>
/// Immutable after construction and thread-safe.
/// </remarks>
internal sealed class BertTextTokenizer
{
    private readonly BertTokenizer _tokenizer;
    private readonly (string Text, int Id)[] _specialTokens;

    private BertTextTokenizer(BertTokenizer tokenizer, int vocabularySize, int maxSequenceLength)
    {
        _tokenizer = tokenizer;
        VocabularySize = vocabularySize;
        MaxSequenceLength = maxSequenceLength;
        _specialTokens =
        [
            (tokenizer.ClassificationToken, tokenizer.ClassificationTokenId),
            (tokenizer.SeparatorToken, tokenizer.SeparatorTokenId),
            (tokenizer.PaddingToken, tokenizer.PaddingTokenId),
            (tokenizer.UnknownToken, tokenizer.UnknownTokenId),
            (tokenizer.MaskingToken, tokenizer.MaskingTokenId),
        ];

        // Longest first, so that at one position the longest literal wins (leftmost-longest, as the reference matcher).
        Array.Sort(_specialTokens, (a, b) => b.Text.Length.CompareTo(a.Text.Length));
    }

    /// <summary>Gets the number of entries in the vocabulary (the largest id is one less).</summary>
    public int VocabularySize { get; }

    /// <summary>Gets the maximum number of ids <see cref="Encode"/> returns, <c>[CLS]</c> and <c>[SEP]</c> included.</summary>
    public int MaxSequenceLength { get; }

    /// <summary>Gets the id of <c>[CLS]</c>.</summary>
    public int ClassificationTokenId => _tokenizer.ClassificationTokenId;

    /// <summary>Gets the id of <c>[SEP]</c>.</summary>
    public int SeparatorTokenId => _tokenizer.SeparatorTokenId;

    /// <summary>Gets the id of <c>[PAD]</c>.</summary>
    public int PaddingTokenId => _tokenizer.PaddingTokenId;

    /// <summary>Loads a WordPiece vocabulary (<c>vocab.txt</c>, one token per line).</summary>
    /// <param name="vocabularyPath">The vocabulary file.</param>
    /// <param name="lowerCase"><see langword="true"/> for uncased models (lower-case and strip accents).</param>
    /// <param name="maxSequenceLength">The maximum sequence length, special tokens included.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="OnnxModelException">The file is not a usable BERT vocabulary.</exception>
    public static BertTextTokenizer Load(string vocabularyPath, bool lowerCase, int maxSequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 2);
        var options = new BertOptions
        {
            Normalizer = new HuggingFaceBertNormalizer(lowerCase),
            PreTokenizer = BertPunctuationPreTokenizer.Instance,
            LowerCaseBeforeTokenization = lowerCase,
            RemoveNonSpacingMarks = lowerCase,
            SplitOnSpecialTokens = false, // done on the raw text in Encode, before normalisation
        };

        int vocabularySize;
        BertTokenizer tokenizer;
        try
        {
            vocabularySize = File.ReadLines(vocabularyPath).Count();
            tokenizer = BertTokenizer.Create(vocabularyPath, options);
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or InvalidDataException or FormatException)
        {
            throw new OnnxModelException(
                $"The vocabulary file '{vocabularyPath}' is not a BERT WordPiece vocabulary (one token per line, with [CLS], [SEP], " +
                $"[PAD], [UNK] and [MASK]): {ex.Message}", ex);
        }

        return new BertTextTokenizer(tokenizer, vocabularySize, maxSequenceLength);
    }

    /// <summary>Tokenises <paramref name="text"/> into <c>[CLS] … [SEP]</c>, truncated to <see cref="MaxSequenceLength"/>.</summary>
    /// <param name="text">The text; empty and white-space-only text give <c>[CLS] [SEP]</c>.</param>
    /// <returns>The token ids.</returns>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(Math.Min(MaxSequenceLength, (text.Length / 3) + 2)) { ClassificationTokenId };
        int contentLimit = MaxSequenceLength - 1; // room for [SEP]

        int segmentStart = 0;
        int position = 0;
        while (ids.Count < contentLimit && position < text.Length)
        {
            int next = text.IndexOf('[', position);
            if (next < 0)
            {
                break;
            }

            if (TryMatchSpecialToken(text, next, out string? token, out int id))
            {
                AppendContent(ids, text.AsSpan(segmentStart, next - segmentStart), contentLimit);
                if (ids.Count < contentLimit)
                {
                    ids.Add(id);
                }

                position = segmentStart = next + token.Length;
            }
            else
            {
                position = next + 1;
            }
        }

        if (ids.Count < contentLimit && segmentStart < text.Length)
        {
            AppendContent(ids, text.AsSpan(segmentStart), contentLimit);
        }

        ids.Add(SeparatorTokenId);
        return [.. ids];
    }

    private bool TryMatchSpecialToken(string text, int index, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? token, out int id)
    {
        foreach ((string candidate, int candidateId) in _specialTokens)
        {
            if (index + candidate.Length <= text.Length && text.AsSpan(index, candidate.Length).SequenceEqual(candidate))
            {
                token = candidate;
                id = candidateId;
                return true;
            }
        }

        token = null;
        id = 0;
        return false;
    }

    private void AppendContent(List<int> ids, ReadOnlySpan<char> segment, int contentLimit)
    {
        if (segment.IsEmpty || ids.Count >= contentLimit)
        {
            return;
        }

        IReadOnlyList<int> pieces = _tokenizer.EncodeToIds(segment, addSpecialTokens: false);
        int take = Math.Min(pieces.Count, contentLimit - ids.Count);
        for (int i = 0; i < take; i++)
        {
            ids.Add(pieces[i]);
        }
    }
}
