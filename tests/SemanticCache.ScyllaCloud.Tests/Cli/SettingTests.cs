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
