namespace SemanticCache.Samples.Cli.Tests;

public sealed class HelpTextTests
{
    [Fact]
    public void Describe_VariableAndDefault_AppendsBothInOrder()
    {
        Assert.Equal("Port. [env: APP_PORT] [default: 5432]", HelpText.Describe("Port.", "APP_PORT", "5432"));
    }

    [Fact]
    public void Describe_NoVariable_AppendsOnlyTheDefault()
    {
        Assert.Equal("Port. [default: 5432]", HelpText.Describe("Port.", null, "5432"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Describe_NoDefault_AppendsOnlyTheVariable(string? defaultValue)
    {
        Assert.Equal("Token. [env: APP_TOKEN]", HelpText.Describe("Token.", "APP_TOKEN", defaultValue));
    }

    [Fact]
    public void Precedence_StatesCommandLineThenEnvironmentThenDefault()
    {
        Assert.Contains("the command line wins, then the environment, then the default", HelpText.Precedence, StringComparison.Ordinal);
    }
}
