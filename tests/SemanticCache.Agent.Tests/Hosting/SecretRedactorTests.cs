namespace SemanticCache.Agent.Tests;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_EverySecret_IsMasked()
    {
        var redactor = new SecretRedactor(["alpha-key", "pass"]);

        Assert.Equal("key *** and *** and *** again", redactor.Redact("key alpha-key and pass and alpha-key again"));
    }

    [Fact]
    public void Redact_SecretContainingAnother_IsMaskedWhole()
    {
        var redactor = new SecretRedactor(["abc", "xxabcxx"]);

        Assert.Equal("see ***", redactor.Redact("see xxabcxx"));
    }

    [Fact]
    public void Redact_ValueShorterThanTheMinimum_IsLeftAlone()
    {
        Assert.Equal("/exit", new SecretRedactor([string.Empty, "x", "xit"]).Redact("/exit"));
    }
}
