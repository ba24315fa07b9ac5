namespace SemanticCache.Benchmarks.Tests;

public sealed class PromptFileParserTests
{
    [Fact]
    public void Parse_CommentsAndBlankLines_AreIgnored()
    {
        var prompts = PromptFileParser.Parse(["# a comment", "", "   ", "  What is DNS?  ", "#another"]);

        var prompt = Assert.Single(prompts);
        Assert.Equal("What is DNS?", prompt.Text);
        Assert.Equal(PromptFileParser.DefaultCategory, prompt.Category);
        Assert.Equal(4, prompt.Line);
    }

    [Fact]
    public void Parse_Variants_BelongToTheNearestBaseAbove()
    {
        var prompts = PromptFileParser.Parse(["[base prompts]", "First base", "~ first variant", "~second variant", "Second base", "~ third variant"]);

        Assert.Equal(["First base", "first variant", "second variant", "Second base", "third variant"], prompts.Select(p => p.Text));
        Assert.All(prompts, p => Assert.Equal("base prompts", p.Category));
        Assert.Equal("First base", prompts[1].BasePrompt!.Text);
        Assert.Equal("First base", prompts[2].BasePrompt!.Text);
        Assert.Equal("Second base", prompts[4].BasePrompt!.Text);
        Assert.False(prompts[0].IsVariant);
        Assert.True(prompts[4].IsVariant);
    }

    [Fact]
    public void Parse_BackslashEscapesMarkers()
    {
        var prompts = PromptFileParser.Parse(["\\# not a comment", "\\[not a category]", "\\~ not a variant", "\\\\ starts with a backslash", "\\plain"]);

        Assert.Equal(["# not a comment", "[not a category]", "~ not a variant", "\\ starts with a backslash", "\\plain"], prompts.Select(p => p.Text));
        Assert.DoesNotContain(prompts, p => p.IsVariant);
    }

    [Fact]
    public void Parse_VariantWithoutBase_ThrowsWithLineNumber()
    {
        var exception = Assert.Throws<BenchmarkSetupException>(() => PromptFileParser.Parse(["[one]", "~ orphan"], "file.txt"));

        Assert.Contains("file.txt:2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VariantAfterNewCategory_DoesNotReachBack()
    {
        Assert.Throws<BenchmarkSetupException>(() => PromptFileParser.Parse(["[one]", "Base", "[two]", "~ variant"]));
    }

    [Fact]
    public void Parse_MalformedCategory_Throws()
    {
        Assert.Throws<BenchmarkSetupException>(() => PromptFileParser.Parse(["[unclosed"]));
    }

    [Fact]
    public void Load_MissingFile_ThrowsSetupException()
    {
        var exception = Assert.Throws<BenchmarkSetupException>(() => PromptFileParser.Load("/no/such/prompts.txt"));

        Assert.Contains("does not exist", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CommittedFile_HasTwoHundredPromptsInTheSeedCategories()
    {
        var set = PromptFileParser.Load(RepositoryPaths.DefaultPromptsFile);

        Assert.True(set.Prompts.Count >= 200, $"{set.Prompts.Count} prompts");
        Assert.True(set.Variants.Count >= 40, $"{set.Variants.Count} variants");
        Assert.All(set.Variants, v => Assert.Equal("base prompts", v.BasePrompt!.Category));
        var categories = set.Categories.Select(c => c.Category).ToArray();
        foreach (var expected in new[]
        {
            "base prompts", "diverse prompts", "programming", "data structures", "databases", "web", "cloud and devops", "security",
            "business", "science and maths", "general knowledge", "short technical", "long-form", "edge cases", "machine learning and ai",
        })
        {
            Assert.Contains(expected, categories);
        }

        Assert.Equal(set.Unique.Count, set.Unique.Select(p => p.Text).Distinct(StringComparer.Ordinal).Count());
    }
}
