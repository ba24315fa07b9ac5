namespace SemanticCache.PgVector.Tests;

public sealed class PgVectorIdentifierTests
{
    [Theory]
    [InlineData("semantic_cache")]
    [InlineData("_x")]
    [InlineData("Table1")]
    [InlineData("select")]
    public void IsValid_PlainIdentifier_ReturnsTrue(string name) => Assert.True(PgVectorIdentifier.IsValid(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a; DROP TABLE x")]
    [InlineData("a\"b")]
    [InlineData("a'b")]
    [InlineData("9lives")]
    [InlineData("a.b")]
    [InlineData("naïve")]
    [InlineData("a\0b")]
    public void IsValid_AnythingElse_ReturnsFalse(string? name) => Assert.False(PgVectorIdentifier.IsValid(name));

    [Fact]
    public void IsValid_64Characters_ReturnsFalse()
    {
        Assert.True(PgVectorIdentifier.IsValid(new string('a', 63)));
        Assert.False(PgVectorIdentifier.IsValid(new string('a', 64)));
    }

    [Fact]
    public void Quote_ValidName_QuotesIt_InvalidName_Throws()
    {
        Assert.Equal("\"select\"", PgVectorIdentifier.Quote("select"));
        Assert.Throws<ArgumentException>(() => PgVectorIdentifier.Quote("x\"; DROP TABLE y; --"));
    }

    [Fact]
    public void Derived_LongTableNames_StayWithinTheLimitAndDistinct()
    {
        var first = new string('t', 60) + "abc";
        var second = new string('t', 60) + "abd";

        var a = PgVectorIdentifier.Derived(first, "embedding_cosine_idx");
        var b = PgVectorIdentifier.Derived(second, "embedding_cosine_idx");

        Assert.True(a.Length <= PgVectorIdentifier.MaxLength);
        Assert.True(b.Length <= PgVectorIdentifier.MaxLength);
        Assert.NotEqual(a, b);
        Assert.EndsWith("_embedding_cosine_idx", a, StringComparison.Ordinal);
        Assert.True(PgVectorIdentifier.IsValid(a));
        Assert.Equal("short_scope_idx", PgVectorIdentifier.Derived("short", "scope_idx"));
    }
}
