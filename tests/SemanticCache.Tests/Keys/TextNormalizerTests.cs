namespace SemanticCache.Tests;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("hello world", "hello world")]
    [InlineData("  hello   world  ", "hello world")]
    [InlineData("hello\t\n world", "hello world")]
    [InlineData("Cafe\u0301", "Café")]
    [InlineData("Hello World", "Hello World")]
    public void Normalize_CollapsesWhiteSpaceAndComposesButKeepsCase(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));
}
