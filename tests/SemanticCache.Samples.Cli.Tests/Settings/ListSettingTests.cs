using System.CommandLine;
using SemanticCache.Samples.Testing;

namespace SemanticCache.Samples.Cli.Tests;

public sealed class ListSettingTests
{
    [Fact]
    public void Resolve_Environment_IsCommaSeparated()
    {
        var setting = new ListSetting("--ips", "IPs.", "TEST_IPS", ["0.0.0.0/0"]);
        var command = new RootCommand { setting.Option };

        Assert.Equal(["0.0.0.0/0"], setting.Resolve(command.Parse([]), Context(new())));
        Assert.Equal(["a", "b"], setting.Resolve(command.Parse([]), Context(new() { ["TEST_IPS"] = "a, b," })));
        Assert.Equal(["c"], setting.Resolve(command.Parse(["--ips", "c"]), Context(new() { ["TEST_IPS"] = "a,b" })));
    }

    [Fact]
    public void Resolve_CommandLine_AcceptsRepeatedAndSpaceSeparatedValues()
    {
        var setting = new ListSetting("--ips", "IPs.", "TEST_IPS", ["0.0.0.0/0"]);
        var command = new RootCommand { setting.Option };

        Assert.Equal(["a", "b", "c"], setting.Resolve(command.Parse(["--ips", "a", "b", "--ips", "c"]), Context(new())));
    }

    [Fact]
    public void Describe_NamesTheCommaSeparatedVariableAndDefault()
    {
        var setting = new ListSetting("--ips", "IPs.", "TEST_IPS", ["10.0.0.0/8", "0.0.0.0/0"]);

        Assert.Equal(
            "IPs. Repeat the option or separate values with spaces. [env: TEST_IPS (comma-separated)] [default: 10.0.0.0/8, 0.0.0.0/0]",
            setting.Option.Description);
    }

    private static ToolContext Context(Dictionary<string, string> environment) => TestToolContext.Create(environment);
}
