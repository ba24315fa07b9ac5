using System.CommandLine;

namespace SemanticCache.Samples.Cli;

/// <summary>Builds a tool's root command and runs it against a <see cref="ToolContext"/>.</summary>
public static class ToolApp
{
    /// <summary>
    /// Creates the root command: its description ends with <see cref="HelpText.Precedence"/>, the global options are
    /// recursive (every subcommand accepts them), and the subcommands are added in order.
    /// </summary>
    /// <param name="description">What the tool does, for <c>--help</c>.</param>
    /// <param name="globalOptions">The options every subcommand accepts.</param>
    /// <param name="subcommands">The subcommands, in the order <c>--help</c> lists them.</param>
    /// <returns>The root command.</returns>
    public static RootCommand CreateRootCommand(string description, IEnumerable<Option> globalOptions, IEnumerable<Command> subcommands)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(globalOptions);
        ArgumentNullException.ThrowIfNull(subcommands);
        var root = new RootCommand($"{description} {HelpText.Precedence}");
        foreach (var option in globalOptions)
        {
            option.Recursive = true;
            root.Options.Add(option);
        }

        foreach (var subcommand in subcommands)
        {
            root.Subcommands.Add(subcommand);
        }

        return root;
    }

    /// <summary>
    /// Builds the tool's command tree for <paramref name="context"/>, parses <paramref name="args"/> and invokes the
    /// chosen command, with help and parse errors written to the context's consoles.
    /// </summary>
    /// <param name="buildRootCommand">Builds the tool's root command, such as with <see cref="CreateRootCommand"/>.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="context">The tool's surroundings.</param>
    /// <param name="cancellationToken">Cancels the command (as Ctrl+C does).</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(
        Func<ToolContext, RootCommand> buildRootCommand,
        IReadOnlyList<string> args,
        ToolContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buildRootCommand);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var configuration = new InvocationConfiguration
        {
            Output = context.Out.Profile.Out.Writer,
            Error = context.Error.Profile.Out.Writer,
        };
        return await buildRootCommand(context).Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
