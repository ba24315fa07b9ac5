using System.CommandLine;
using SemanticCache.Samples.Testing;

namespace SemanticCache.Samples.Cli.Tests;

public sealed class ToolSettingTests
{
    public static TheoryData<ToolSetting> Settings =>
    [
        new Setting<int>("--port", "Port.", "TEST_SETTING", 5432),
        new TextSetting("--user", "User.", "TEST_SETTING", "postgres"),
        new ListSetting("--hosts", "Hosts.", "TEST_SETTING", ["localhost"]),
    ];

    [Theory]
    [MemberData(nameof(Settings))]
    public void IsSpecified_DefaultOnly_IsFalse(ToolSetting setting)
    {
        Assert.False(setting.IsSpecified(Parse(setting), TestToolContext.Create()));
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void IsSpecified_BlankEnvironmentVariable_IsFalse(ToolSetting setting)
    {
        Assert.False(setting.IsSpecified(Parse(setting), TestToolContext.Create(new Dictionary<string, string> { ["TEST_SETTING"] = " " })));
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void IsSpecified_EnvironmentVariable_IsTrue(ToolSetting setting)
    {
        Assert.True(setting.IsSpecified(Parse(setting), TestToolContext.Create(new Dictionary<string, string> { ["TEST_SETTING"] = "7" })));
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void IsSpecified_CommandLine_IsTrue(ToolSetting setting)
    {
        Assert.True(setting.IsSpecified(Parse(setting, setting.Name, "7"), TestToolContext.Create()));
    }

    [Fact]
    public void Name_IsTheOptionName()
    {
        var setting = new TextSetting("--user", "User.", null, null);

        Assert.Equal("--user", setting.Name);
        Assert.Same(setting.Option, ((ToolSetting)setting).Option);
    }

    private static ParseResult Parse(ToolSetting setting, params string[] args) => new RootCommand { setting.Option }.Parse(args);
}
