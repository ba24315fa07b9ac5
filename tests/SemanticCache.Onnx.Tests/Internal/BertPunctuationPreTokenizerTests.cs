namespace SemanticCache.Onnx.Tests;

public sealed class BertPunctuationPreTokenizerTests
{
    [Theory]
    [InlineData("hello world", new[] { "hello", "world" })]
    [InlineData("a+b=c", new[] { "a", "+", "b", "=", "c" })]
    [InlineData("snake_case", new[] { "snake", "_", "case" })]
    [InlineData("it's ¿what?", new[] { "it", "'", "s", "¿", "what", "?" })]
    [InlineData("₹1,499", new[] { "₹1", ",", "499" })]
    [InlineData("emoji😀glued", new[] { "emoji😀glued" })]
    [InlineData("  spaced   out  ", new[] { "spaced", "out" })]
    [InlineData("", new string[0])]
    public void PreTokenize_Text_SplitsOnWhiteSpaceAndIsolatesPunctuation(string text, string[] expected)
    {
        string[] words = [.. BertPunctuationPreTokenizer.Instance.PreTokenize(text).Select(w => text.Substring(w.Offset, w.Length))];

        Assert.Equal(expected, words);
    }

    [Fact]
    public void PreTokenize_Span_MatchesString()
    {
        const string text = "x^2 + y^2 = z^2";

        Assert.Equal(
            BertPunctuationPreTokenizer.Instance.PreTokenize(text),
            BertPunctuationPreTokenizer.Instance.PreTokenize(text.AsSpan()));
    }
}
