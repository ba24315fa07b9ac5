using SemanticCache.Samples.Testing;

namespace SemanticCache.Samples.Cli.Tests;

public sealed class ToolContextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void GetVariable_MissingOrBlank_IsNull(string? value)
    {
        var environment = new Dictionary<string, string>();
        if (value is not null)
        {
            environment["TEST_VALUE"] = value;
        }

        Assert.Null(TestToolContext.Create(environment).GetVariable("TEST_VALUE"));
    }

    [Fact]
    public void GetVariable_Set_ReturnsTheValueAsItIs()
    {
        var context = TestToolContext.Create(new Dictionary<string, string> { ["TEST_VALUE"] = " a b " });

        Assert.Equal(" a b ", context.GetVariable("TEST_VALUE"));
        Assert.Null(context.GetVariable("test_value"));
    }

    [Fact]
    public void Defaults_AreTheRealClockOneSecondDelaysAndTheToolsFolder()
    {
        var context = TestToolContext.Create();

        Assert.Same(TimeProvider.System, context.TimeProvider);
        Assert.Equal(TimeSpan.FromSeconds(1), context.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), context.RetryDelay);
        Assert.Equal(AppContext.BaseDirectory, context.ToolDirectory);
        Assert.False(context.IsInteractive);
    }

    [Fact]
    public void FromProcess_ReadsTheProcessEnvironmentAndHome()
    {
        var name = "SEMANTICCACHE_SAMPLES_CLI_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-process");
        try
        {
            var context = ToolContext.FromProcess();

            Assert.Equal("from-process", context.GetVariable(name));
            Assert.Equal(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), context.HomeDirectory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
