using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace SemanticCache.Onnx;

/// <summary>
/// The normalisation step of Hugging Face's <c>BertNormalizer</c> (tokenizers, Rust), which the BERT models were trained with:
/// clean the text, put spaces around CJK ideographs, and for uncased models strip accents and lower-case.
/// </summary>
/// <remarks>
/// <see cref="BertNormalizer"/> differs in ways that change token ids (it keeps tabs glued, keeps format characters, and
/// lower-cases before stripping accents), so the model's own rules are reproduced here step by step, in the same order:
/// <list type="number">
/// <item>clean: drop NUL, U+FFFD and every "other" character (Cc, Cf, Co, Cs, Cn) except tab/CR/LF; turn white space into a space;</item>
/// <item>surround each CJK ideograph (by code point, including the supplementary planes) with spaces;</item>
/// <item>uncased only: NFD, drop non-spacing marks (Mn), then lower-case code point by code point (no final-sigma rule).
/// The decomposition comes from <see cref="AccentFolding"/>, so the result does not depend on ICU being present.</item>
/// </list>
/// Instances are immutable and thread-safe.
/// </remarks>
internal sealed class HuggingFaceBertNormalizer : Normalizer
{
    private readonly bool _lowerCase;

    public HuggingFaceBertNormalizer(bool lowerCase)
    {
        _lowerCase = lowerCase;
    }

    public override string Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return Normalize(original.AsSpan());
    }

    public override string Normalize(ReadOnlySpan<char> original)
    {
        string cleaned = CleanAndSpaceCjk(original);
        return _lowerCase ? StripAccentsAndLowerCase(cleaned) : cleaned;
    }

    internal static bool IsWhiteSpace(Rune rune) =>
        rune.Value is '\t' or '\n' or '\r' || Rune.IsWhiteSpace(rune);

    internal static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false; // technically controls, but BERT treats them as white space
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
    }

    internal static bool IsCjkIdeograph(int codePoint) => codePoint is
        (>= 0x4E00 and <= 0x9FFF) or
        (>= 0x3400 and <= 0x4DBF) or
        (>= 0x20000 and <= 0x2A6DF) or
        (>= 0x2A700 and <= 0x2B73F) or
        (>= 0x2B740 and <= 0x2B81F) or
        (>= 0x2B920 and <= 0x2CEAF) or
        (>= 0xF900 and <= 0xFAFF) or
        (>= 0x2F800 and <= 0x2FA1F);

    private static string CleanAndSpaceCjk(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length + 8);
        int index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text[index..], out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                index += consumed; // a lone surrogate is category Cs: removed like the other "other" characters
                continue;
            }

            index += consumed;
            if (rune.Value is 0 or 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (IsWhiteSpace(rune))
            {
                builder.Append(' ');
            }
            else if (IsCjkIdeograph(rune.Value))
            {
                builder.Append(' ');
                AppendRune(builder, rune);
                builder.Append(' ');
            }
            else
            {
                AppendRune(builder, rune);
            }
        }

        return builder.ToString();
    }

    private static string StripAccentsAndLowerCase(string text)
    {
        // Fast path: plain ASCII has nothing to decompose.
        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var folded = new StringBuilder(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                AccentFolding.AppendFolded(folded, rune);
            }
        }

        // Lower-case after stripping, code point by code point (Rust's char::to_lowercase; no final-sigma rule).
        var lowered = new StringBuilder(folded.Length);
        foreach (Rune rune in folded.ToString().EnumerateRunes())
        {
            AppendRune(lowered, Rune.ToLowerInvariant(rune));
        }

        return lowered.ToString();
    }

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        if (rune.IsBmp)
        {
            builder.Append((char)rune.Value);
        }
        else
        {
            Span<char> pair = stackalloc char[2];
            rune.EncodeToUtf16(pair);
            builder.Append(pair);
        }
    }
}
