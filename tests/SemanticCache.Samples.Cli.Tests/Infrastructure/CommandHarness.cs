using System.CommandLine;
using SemanticCache.Samples.Testing;

namespace SemanticCache.Samples.Cli.Tests;

/// <summary>Runs a root command built by the test through <see cref="ToolApp.RunAsync"/>, with captured output.</summary>
internal sealed class CommandHarness : ToolHarnessBase
{
    public CommandHarness(Func<ToolContext, RootCommand> buildRootCommand)
        : base("samples-cli-tests-", buildRootCommand)
    {
    }

    /// <summary>A tool whose root command runs <paramref name="body"/> through <see cref="CommandRunner"/>.</summary>
    public static CommandHarness ForBody(Func<ParseResult, CancellationToken, Task<int>> body) => new(context =>
    {
        var root = ToolApp.CreateRootCommand("Test tool.", [], []);
        CommandRunner.SetHandler(root, context, body);
        return root;
    });
}
