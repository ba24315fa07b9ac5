namespace SemanticCache.Onnx.Tests;

public sealed class HuggingFaceBertNormalizerTests
{
    private readonly HuggingFaceBertNormalizer _uncased = new(lowerCase: true);
    private readonly HuggingFaceBertNormalizer _cased = new(lowerCase: false);

    [Theory]
    [InlineData("a\tb", "a b")]
    [InlineData("a\r\nb", "a  b")]
    [InlineData("a\u00A0b\u3000c\u2028d", "a b c d")]
    public void Normalize_WhiteSpace_BecomesSpace(string input, string expected)
    {
        Assert.Equal(expected, _uncased.Normalize(input));
    }

    [Theory]
    [InlineData("zero\u200Bwidth", "zerowidth")]
    [InlineData("a\u0000b\uFFFDc", "abc")]
    [InlineData("soft\u00ADhyphen", "softhyphen")]
    [InlineData("\uFEFFbom", "bom")]
    [InlineData("bell\u0007\u000B\u000C\u0085", "bell")]
    [InlineData("private\uE000use", "privateuse")]
    public void Normalize_ControlAndFormatCharacters_AreRemoved(string input, string expected)
    {
        Assert.Equal(expected, _uncased.Normalize(input));
    }

    [Fact]
    public void Normalize_LoneSurrogate_IsRemoved()
    {
        Assert.Equal("ab", _uncased.Normalize("a\uD800b"));
    }

    [Theory]
    [InlineData("中文", " 中  文 ")]
    [InlineData("a\U00020000b", "a \U00020000 b")]
    public void Normalize_CjkIdeographs_AreSurroundedBySpaces(string input, string expected)
    {
        Assert.Equal(expected, _uncased.Normalize(input));
    }

    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("cafe\u0301", "cafe")]
    [InlineData("Dvořák Łódź", "dvorak łodz")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("\u2126\u212B", "ωa")]
    [InlineData("ΣΊΣΥΦΟΣ", "σισυφοσ")]
    [InlineData("ﬁ", "ﬁ")]
    public void Normalize_Uncased_StripsAccentsThenLowerCases(string input, string expected)
    {
        Assert.Equal(expected, _uncased.Normalize(input));
    }

    [Fact]
    public void Normalize_Hangul_DecomposesIntoJamo()
    {
        Assert.Equal("\u1112\u1161\u11AB", _uncased.Normalize("한"));
    }

    [Fact]
    public void Normalize_Cased_KeepsCaseAndAccents()
    {
        Assert.Equal("Café  中 ", _cased.Normalize("Café\t中"));
    }
}
