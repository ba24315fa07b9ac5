using System.CommandLine;
using Spectre.Console;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class TextSettingTests
{
    [Fact]
    public void Resolve_AllowedValues_ReturnsCanonicalSpelling()
    {
        var setting = new TextSetting("--kind", "Kind.", "TEST_KIND", "CQL", allowed: ["CQL", "ALTERNATOR"]);
        var command = new RootCommand { setting.Option };

        Assert.Equal("ALTERNATOR", setting.Resolve(command.Parse(["--kind", "alternator"]), Context(new())));
        Assert.Equal("ALTERNATOR", setting.Resolve(command.Parse([]), Context(new() { ["TEST_KIND"] = "Alternator" })));
        Assert.Equal("CQL", setting.Resolve(command.Parse([]), Context(new())));
    }

    [Fact]
    public void Describe_Secret_HidesDefault()
    {
        var setting = new TextSetting("--password", "Password.", "TEST_PASSWORD", "hunter2", isSecret: true);

        Assert.DoesNotContain("hunter2", setting.Option.Description, StringComparison.Ordinal);
    }

    private static ToolContext Context(Dictionary<string, string> environment) => new()
    {
        Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Environment = environment,
        HomeDirectory = Path.GetTempPath(),
    };
}
