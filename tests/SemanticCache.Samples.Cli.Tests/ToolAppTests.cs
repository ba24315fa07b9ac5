using System.CommandLine;
using SemanticCache.Samples.Testing;

namespace SemanticCache.Samples.Cli.Tests;

public sealed class ToolAppTests
{
    [Fact]
    public void CreateRootCommand_Description_EndsWithThePrecedence()
    {
        var root = ToolApp.CreateRootCommand("Run things.", [], []);

        Assert.Equal("Run things. " + HelpText.Precedence, root.Description);
    }

    [Fact]
    public void CreateRootCommand_GlobalOptionsAndSubcommands_AreAddedInOrderAndRecursive()
    {
        var first = new Option<string>("--first");
        var second = new Option<string>("--second");

        var root = ToolApp.CreateRootCommand("Run things.", [first, second], [new Command("start"), new Command("stop")]);

        Assert.Equal(["start", "stop"], root.Subcommands.Select(c => c.Name));
        Assert.Equal(["--first", "--second"], root.Options.Where(o => o == first || o == second).Select(o => o.Name));
        Assert.True(first.Recursive);
        Assert.True(second.Recursive);
    }

    [Fact]
    public async Task RunAsync_GlobalSettingAfterSubcommand_ResolvesWithThePrecedence()
    {
        var user = new TextSetting("--user", "User.", "TEST_USER", "default-user");
        using var harness = new CommandHarness(context =>
        {
            var show = new Command("show");
            CommandRunner.SetHandler(show, context, (parseResult, _) =>
            {
                new ToolOutput(context, json: false).Note(user.Resolve(parseResult, context)!);
                return Task.FromResult(0);
            });
            return ToolApp.CreateRootCommand("Test tool.", [user.Option], [show]);
        });

        var byDefault = await harness.RunAsync("show");
        harness.Environment["TEST_USER"] = "env-user";
        var fromEnvironment = await harness.RunAsync("show");
        var fromCommandLine = await harness.RunAsync("show", "--user", "cli-user");

        Assert.Equal("default-user\n", byDefault.Output.ReplaceLineEndings("\n"));
        Assert.Equal("env-user\n", fromEnvironment.Output.ReplaceLineEndings("\n"));
        Assert.Equal("cli-user\n", fromCommandLine.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task RunAsync_Help_IsWrittenToTheContextsOutput()
    {
        var token = new TextSetting("--api-token", "API token (never printed).", "TEST_TOKEN", "secret-default", isSecret: true);
        using var harness = new CommandHarness(_ => ToolApp.CreateRootCommand("Test tool.", [token.Option], [new Command("status", "Show the status.")]));

        var run = await harness.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        var help = run.Output.ReplaceLineEndings(" ");
        Assert.Contains("the command line wins, then the environment, then the default", help, StringComparison.Ordinal);
        Assert.Contains("status", help, StringComparison.Ordinal);
        Assert.Contains("[env: TEST_TOKEN] [default: (hidden)]", help, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-default", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SubcommandHelp_DocumentsEverySettingWithItsVariable()
    {
        using var harness = new CommandHarness(context =>
        {
            var output = new TextSetting("--output", "Output format.", "TEST_OUTPUT", "text", allowed: ["text", "json"]);
            var count = new Setting<int>("--count", "How many.", "TEST_COUNT", 3);
            var hosts = new ListSetting("--hosts", "Hosts.", "TEST_HOSTS", ["localhost"]);
            var show = CommandRunner.CreateCommand("show", "Show things.", context, [count, hosts], (_, _) => Task.FromResult(0));
            return ToolApp.CreateRootCommand("Test tool.", [output.Option], [show]);
        });

        var run = await harness.RunAsync("show", "--help");

        Assert.Equal(0, run.ExitCode);
        ToolAssert.HelpDocumentsEveryOption(harness.BuildRootCommand(), "show", run);
        Assert.Contains("[env: TEST_COUNT] [default: 3]", run.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_IsAParseErrorOnTheContextsErrorConsole()
    {
        using var harness = new CommandHarness(_ => ToolApp.CreateRootCommand("Test tool.", [], [new Command("status")]));

        var run = await harness.RunAsync("status", "--no-such-option");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
    }
}
