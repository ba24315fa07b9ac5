using System.Text;
using Microsoft.ML.Tokenizers;

namespace SemanticCache.Onnx;

/// <summary>
/// Hugging Face's <c>BertPreTokenizer</c>: splits on white space and makes every punctuation character a word of its own.
/// </summary>
/// <remarks>
/// Punctuation is the ASCII punctuation block (which includes symbols such as <c>+ $ = ^ &lt; &gt; | ~ _ `</c>) plus every
/// Unicode P* character. Other symbols (€, √, emoji) are not punctuation and stay attached to their neighbours, as in the
/// reference. The default pre-tokenizer of <see cref="BertTokenizer"/> instead drops symbols and keeps <c>_</c> inside words.
/// Immutable and thread-safe.
/// </remarks>
internal sealed class BertPunctuationPreTokenizer : PreTokenizer
{
    public static BertPunctuationPreTokenizer Instance { get; } = new();

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Split(text.AsSpan());
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text);

    internal static bool IsPunctuation(Rune rune) =>
        rune.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)
        || Rune.IsPunctuation(rune);

    private static List<(int Offset, int Length)> Split(ReadOnlySpan<char> text)
    {
        var words = new List<(int Offset, int Length)>();
        int wordStart = -1;
        int index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text[index..], out Rune rune, out int consumed);
            if (Rune.IsWhiteSpace(rune))
            {
                Flush(words, ref wordStart, index);
            }
            else if (IsPunctuation(rune))
            {
                Flush(words, ref wordStart, index);
                words.Add((index, consumed));
            }
            else if (wordStart < 0)
            {
                wordStart = index;
            }

            index += consumed;
        }

        Flush(words, ref wordStart, text.Length);
        return words;
    }

    private static void Flush(List<(int Offset, int Length)> words, ref int wordStart, int end)
    {
        if (wordStart >= 0)
        {
            words.Add((wordStart, end - wordStart));
            wordStart = -1;
        }
    }
}
