namespace SemanticCache.Scylla.Tests;

public sealed class ContactPointParserTests
{
    [Theory]
    [InlineData("node1", "node1", 9042)]
    [InlineData("node1:9142", "node1", 9142)]
    [InlineData(" 10.0.0.1:19042 ", "10.0.0.1", 19042)]
    [InlineData("::1", "::1", 9042)]
    [InlineData("[::1]", "::1", 9042)]
    [InlineData("[2001:db8::1]:9142", "2001:db8::1", 9142)]
    public void TryParse_ValidContactPoints_SplitHostAndPort(string text, string host, int port)
    {
        Assert.True(ContactPointParser.TryParse(text, 9042, out string parsedHost, out int parsedPort));
        Assert.Equal(host, parsedHost);
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("")]
    [InlineData("node1:")]
    [InlineData("node1:0")]
    [InlineData("node1:70000")]
    [InlineData("node1:x")]
    [InlineData(":9042")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("[not-an-ip]:9042")]
    [InlineData("no such host")]
    [InlineData("user@node1")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.False(ContactPointParser.TryParse(text, 9042, out _, out _));
    }
}
