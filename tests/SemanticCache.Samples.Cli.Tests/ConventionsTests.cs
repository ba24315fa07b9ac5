using System.CommandLine;
using SemanticCache.Samples.Testing;

namespace SemanticCache.Samples.Cli.Tests;

/// <summary>A small tool built only from the library passes the conventions every sample tool's tests check.</summary>
public sealed class ConventionsTests : SampleToolConventionTests<ConventionsTests>, ISampleTool
{
    public static string[] Subcommands => ["start", "status"];

    static ToolHarnessBase ISampleTool.CreateHarness() => new CommandHarness(BuildRootCommand);

    private static RootCommand BuildRootCommand(ToolContext context)
    {
        var output = new TextSetting("--output", "Output format.", "TEST_OUTPUT", "text", allowed: ["text", "json"]);
        var password = new TextSetting("--password", "Password (never printed).", "TEST_PASSWORD", "postgres", isSecret: true);
        var port = new Setting<int>("--port", "Port.", "TEST_PORT", 5432);
        var wait = new Setting<bool>("--wait", "Wait until ready.", "TEST_WAIT", false);
        return ToolApp.CreateRootCommand(
            "A tool for the tests.",
            [output.Option, password.Option],
            [
                CommandRunner.CreateCommand("start", "Start it.", context, [port, wait], (_, _) => Task.FromResult(0)),
                CommandRunner.CreateCommand("status", "Show it.", context, [], (_, _) => Task.FromResult(0)),
            ]);
    }
}
