using System.CommandLine;
using System.Globalization;
using SemanticCache.Samples.Testing;

namespace SemanticCache.Samples.Cli.Tests;

public sealed class SettingTests
{
    [Fact]
    public void Resolve_CommandLineThenEnvironmentThenDefault()
    {
        var setting = new Setting<int>("--count", "Count.", "TEST_COUNT", 3);

        Assert.Equal(3, Resolve(setting, [], new()));
        Assert.Equal(5, Resolve(setting, [], new() { ["TEST_COUNT"] = "5" }));
        Assert.Equal(9, Resolve(setting, ["--count", "9"], new() { ["TEST_COUNT"] = "5" }));
    }

    [Fact]
    public void Resolve_BooleanFlag_CommandLineFalseOverridesEnvironmentTrue()
    {
        var setting = new Setting<bool>("--flag", "Flag.", "TEST_FLAG", false);

        Assert.True(Resolve(setting, [], new() { ["TEST_FLAG"] = "yes" }));
        Assert.True(Resolve(setting, ["--flag"], new()));
        Assert.False(Resolve(setting, ["--flag", "false"], new() { ["TEST_FLAG"] = "true" }));
    }

    [Fact]
    public void Resolve_EmptyEnvironmentVariable_FallsBackToDefault()
    {
        var setting = new Setting<double>("--seconds", "Seconds.", "TEST_SECONDS", 2.5);

        Assert.Equal(2.5, Resolve(setting, [], new() { ["TEST_SECONDS"] = "  " }));
    }

    [Fact]
    public void Describe_ShowsEnvironmentVariableAndDefault()
    {
        var setting = new Setting<int>("--count", "Count.", "TEST_COUNT", 3);

        Assert.Equal("Count. [env: TEST_COUNT] [default: 3]", setting.Option.Description);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("on", true)]
    [InlineData("YES", true)]
    [InlineData(" true ", true)]
    [InlineData("0", false)]
    [InlineData("off", false)]
    [InlineData("No", false)]
    public void Resolve_BooleanEnvironmentWords_AreUnderstood(string text, bool expected)
    {
        var setting = new Setting<bool>("--flag", "Flag.", "TEST_FLAG", !expected);

        Assert.Equal(expected, Resolve(setting, [], new() { ["TEST_FLAG"] = text }));
    }

    [Fact]
    public void Resolve_InvalidBooleanInEnvironment_FailsNamingTheVariable()
    {
        var setting = new Setting<bool>("--flag", "Flag.", "TEST_FLAG", false);

        var ex = Assert.Throws<ToolException>(() => Resolve(setting, [], new() { ["TEST_FLAG"] = "maybe" }));

        Assert.Equal("Environment variable TEST_FLAG='maybe' is not a boolean (use true/false).", ex.Message);
    }

    [Fact]
    public void Resolve_InvalidNumberInEnvironment_FailsNamingTheVariable()
    {
        var setting = new Setting<int>("--count", "Count.", "TEST_COUNT", 3);

        var ex = Assert.Throws<ToolException>(() => Resolve(setting, [], new() { ["TEST_COUNT"] = "three" }));

        Assert.Equal("Environment variable TEST_COUNT='three' is not a valid Int32 value.", ex.Message);
    }

    [Fact]
    public void Resolve_EnvironmentNumber_IsReadWithTheInvariantCulture()
    {
        var setting = new Setting<double>("--seconds", "Seconds.", "TEST_SECONDS", 1);
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal(2.5, Resolve(setting, [], new() { ["TEST_SECONDS"] = "2.5" }));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Resolve_NoVariable_IgnoresTheEnvironment()
    {
        var setting = new Setting<int>("--count", "Count.", null, 3);

        Assert.Equal(3, Resolve(setting, [], new() { ["COUNT"] = "5" }));
        Assert.Equal("Count. [default: 3]", setting.Option.Description);
    }

    [Fact]
    public void Describe_DefaultText_ReplacesTheValue()
    {
        var setting = new Setting<long>("--account-id", "Account.", "TEST_ACCOUNT", 0, "looked up");

        Assert.Equal("Account. [env: TEST_ACCOUNT] [default: looked up]", setting.Option.Description);
    }

    [Fact]
    public void Describe_Flag_ShowsLowerCaseDefault()
    {
        var setting = new Setting<bool>("--debug", "Debug.", "TEST_DEBUG", false);

        Assert.Equal("Debug. [env: TEST_DEBUG] [default: false]", setting.Option.Description);
    }

    private static T Resolve<T>(Setting<T> setting, string[] args, Dictionary<string, string> environment)
        where T : struct, IParsable<T>
    {
        var command = new RootCommand { setting.Option };
        return setting.Resolve(command.Parse(args), Context(environment));
    }

    private static ToolContext Context(Dictionary<string, string> environment) => TestToolContext.Create(environment);
}
