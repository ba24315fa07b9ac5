using System.Globalization;
using System.Text;

namespace SemanticCache.Onnx.Tests;

public sealed class AccentFoldingTests
{
    [Fact]
    public void AppendFolded_EveryCodePoint_EqualsIcuDecompositionWithoutNonSpacingMarks()
    {
        // The table replaces string.Normalize(FormD) so that hosts without ICU tokenise identically; here, with ICU, it must
        // agree with it for every code point. A mismatch means the table needs regenerating (see AccentFolding remarks).
        if (!IcuDecomposes())
        {
            TestModels.Unavailable("ICU is not available (globalization-invariant mode): cannot re-derive the decomposition table.");
        }

        var mismatches = new List<string>();
        var folded = new StringBuilder();
        for (int codePoint = 0; codePoint <= 0x10FFFF; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var rune = new Rune(codePoint);
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.OtherNotAssigned)
            {
                continue; // marks are dropped by the caller, unassigned code points by the cleaning step
            }

            string expected = string.Concat(rune.ToString().Normalize(NormalizationForm.FormD).EnumerateRunes()
                .Where(r => Rune.GetUnicodeCategory(r) != UnicodeCategory.NonSpacingMark)
                .Select(r => r.ToString()));
            folded.Clear();
            AccentFolding.AppendFolded(folded, rune);
            if (folded.ToString() != expected)
            {
                mismatches.Add($"U+{codePoint:X4}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} code points differ: {string.Join(' ', mismatches.Take(50))}");
    }

    [Theory]
    [InlineData("é", "e")]
    [InlineData("Å", "A")]
    [InlineData("\u212B", "A")]
    [InlineData("ǅ", "ǅ")]
    [InlineData("가", "\u1100\u1161")]
    [InlineData("힣", "\u1112\u1175\u11C2")]
    [InlineData("a", "a")]
    [InlineData("ﬁ", "ﬁ")]
    public void AppendFolded_Character_GivesBaseCharacters(string input, string expected)
    {
        var builder = new StringBuilder();

        AccentFolding.AppendFolded(builder, Rune.GetRuneAt(input, 0));

        Assert.Equal(expected, builder.ToString());
    }

    private static bool IcuDecomposes() => "é".Normalize(NormalizationForm.FormD).Length == 2;
}
