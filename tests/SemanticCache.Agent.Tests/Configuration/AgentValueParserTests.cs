namespace SemanticCache.Agent.Tests;

public sealed class AgentValueParserTests
{
    [Theory]
    [InlineData("3600", 3600)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("6h", 21600)]
    [InlineData("1d", 86400)]
    [InlineData("1.5h", 5400)]
    [InlineData(" 2H ", 7200)]
    public void TimeToLive_NumberWithOrWithoutUnit_IsParsed(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), AgentValueParser.TimeToLive(text));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0s")]
    public void TimeToLive_Zero_MeansNoExpiry(string text)
    {
        Assert.Null(AgentValueParser.TimeToLive(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("5w")]
    [InlineData("h")]
    [InlineData("soon")]
    public void TimeToLive_Malformed_Throws(string text)
    {
        Assert.Throws<FormatException>(() => AgentValueParser.TimeToLive(text));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Boolean_CommonSpellings_AreParsed(string text, bool expected)
    {
        Assert.Equal(expected, AgentValueParser.Boolean(text));
    }

    [Theory]
    [InlineData("ftp://example.invalid/")]
    [InlineData("/v1/messages")]
    public void AbsoluteUri_NotHttp_Throws(string text)
    {
        Assert.Throws<FormatException>(() => AgentValueParser.AbsoluteUri(text));
    }

    [Fact]
    public void Number_UsesTheInvariantCulture()
    {
        Assert.Equal(0.85, AgentValueParser.Number("0.85"));
        Assert.Throws<FormatException>(() => AgentValueParser.Number("0,85x"));
    }
}
