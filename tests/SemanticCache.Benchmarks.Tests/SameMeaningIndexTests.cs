namespace SemanticCache.Benchmarks.Tests;

public sealed class SameMeaningIndexTests
{
    private static readonly SameMeaningIndex Index = new(
    [
        new(0, "How do I learn Python?", "What is the best way to learn Python?", true),
        new(1, "What is the best way to learn Python?", "How can I learn Python fast?", true),
        new(2, "How do I learn Python?", "How can I learn Python fast?", false),
        new(3, "How do I learn Java?", "How do I learn Python?", false),
    ]);

    [Fact]
    public void IsSameMeaning_LabelledDuplicate_IsTrueBothWays()
    {
        Assert.True(Index.IsSameMeaning("How do I learn Python?", "What is the best way to learn Python?"));
        Assert.True(Index.IsSameMeaning("What is the best way to learn Python?", "How do I learn Python?"));
    }

    [Fact]
    public void IsSameMeaning_ConnectedThroughAnotherQuestion_IsTrue()
    {
        var index = new SameMeaningIndex([new(0, "a b", "c d", true), new(1, "c d", "e f", true)]);

        Assert.True(index.IsSameMeaning("a b", "e f"));
    }

    [Fact]
    public void IsSameMeaning_ExplicitlyLabelledDifferent_WinsOverTheGraph()
    {
        Assert.False(Index.IsSameMeaning("How do I learn Python?", "How can I learn Python fast?"));
    }

    [Fact]
    public void IsSameMeaning_SameTextAfterNormalising_IsTrue()
    {
        Assert.True(Index.IsSameMeaning("  how do I   LEARN java?", "How do I learn Java?"));
        Assert.True(Index.IsSameMeaning("never labelled", "Never  labelled"));
    }

    [Fact]
    public void IsSameMeaning_UnlabelledOrDifferent_IsFalse()
    {
        Assert.False(Index.IsSameMeaning("How do I learn Java?", "How do I learn Python?"));
        Assert.False(Index.IsSameMeaning("How do I learn Python?", "never labelled"));
    }

    [Theory]
    [InlineData("  Hello   World ", "hello world")]
    [InlineData("A\tB\nC", "a b c")]
    public void Normalize_LowerCasesAndCollapsesWhiteSpace(string text, string expected)
    {
        Assert.Equal(expected, SameMeaningIndex.Normalize(text));
    }
}
