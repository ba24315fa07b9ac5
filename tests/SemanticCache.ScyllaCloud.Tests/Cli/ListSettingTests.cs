using System.CommandLine;
using Spectre.Console;

namespace SemanticCache.ScyllaCloud.Tests;

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

    private static ToolContext Context(Dictionary<string, string> environment) => new()
    {
        Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Environment = environment,
        HomeDirectory = Path.GetTempPath(),
    };
}
