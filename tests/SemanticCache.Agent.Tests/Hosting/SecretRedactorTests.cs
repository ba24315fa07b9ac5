namespace SemanticCache.Agent.Tests;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_EverySecret_IsMasked()
    {
        var redactor = new SecretRedactor(["alpha-key", "pw"]);

        Assert.Equal("key *** and *** and *** again", redactor.Redact("key alpha-key and pw and alpha-key again"));
    }

    [Fact]
    public void Redact_SecretContainingAnother_IsMaskedWhole()
    {
        var redactor = new SecretRedactor(["abc", "xxabcxx"]);

        Assert.Equal("see ***", redactor.Redact("see xxabcxx"));
    }

    [Fact]
    public void Redact_EmptySecret_IsIgnored()
    {
        Assert.Equal("text", new SecretRedactor([string.Empty]).Redact("text"));
    }
}
