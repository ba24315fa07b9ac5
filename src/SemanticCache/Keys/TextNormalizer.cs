using System.Text;

namespace SemanticCache;

/// <summary>Normalises prompt text for the exact key, so trivially different spellings of the same prompt share one key.</summary>
/// <remarks>Unicode NFC, trimmed, every run of white space collapsed to one space. Case is kept: it can change meaning.</remarks>
internal static class TextNormalizer
{
    public static string Normalize(string text)
    {
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }

        var span = text.AsSpan().Trim();
        if (!NeedsCollapse(span))
        {
            return span.Length == text.Length ? text : span.ToString();
        }

        var builder = new StringBuilder(span.Length);
        var inWhiteSpace = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                inWhiteSpace = true;
                continue;
            }

            if (inWhiteSpace)
            {
                builder.Append(' ');
                inWhiteSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool NeedsCollapse(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }
}
