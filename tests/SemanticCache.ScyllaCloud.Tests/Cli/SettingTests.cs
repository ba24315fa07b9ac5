using System.CommandLine;
using Spectre.Console;

namespace SemanticCache.ScyllaCloud.Tests;

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

    [Fact]
    public void TextSetting_Allowed_ReturnsCanonicalSpelling()
    {
        var setting = new TextSetting("--kind", "Kind.", "TEST_KIND", "CQL", allowed: ["CQL", "ALTERNATOR"]);
        var command = new RootCommand { setting.Option };

        Assert.Equal("ALTERNATOR", setting.Resolve(command.Parse(["--kind", "alternator"]), Context(new())));
        Assert.Equal("ALTERNATOR", setting.Resolve(command.Parse([]), Context(new() { ["TEST_KIND"] = "Alternator" })));
        Assert.Equal("CQL", setting.Resolve(command.Parse([]), Context(new())));
    }

    [Fact]
    public void TextSetting_Secret_HidesDefaultInHelp()
    {
        var setting = new TextSetting("--password", "Password.", "TEST_PASSWORD", "hunter2", isSecret: true);

        Assert.DoesNotContain("hunter2", setting.Option.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ListSetting_EnvironmentIsCommaSeparated()
    {
        var setting = new ListSetting("--ips", "IPs.", "TEST_IPS", ["0.0.0.0/0"]);
        var command = new RootCommand { setting.Option };

        Assert.Equal(["0.0.0.0/0"], setting.Resolve(command.Parse([]), Context(new())));
        Assert.Equal(["a", "b"], setting.Resolve(command.Parse([]), Context(new() { ["TEST_IPS"] = "a, b," })));
        Assert.Equal(["c"], setting.Resolve(command.Parse(["--ips", "c"]), Context(new() { ["TEST_IPS"] = "a,b" })));
    }

    private static T Resolve<T>(Setting<T> setting, string[] args, Dictionary<string, string> environment)
        where T : struct, IParsable<T>
    {
        var command = new RootCommand { setting.Option };
        return setting.Resolve(command.Parse(args), Context(environment));
    }

    private static ToolContext Context(Dictionary<string, string> environment) => new()
    {
        Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Environment = environment,
        HomeDirectory = Path.GetTempPath(),
    };
}
