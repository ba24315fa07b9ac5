using System.CommandLine;

namespace SemanticCache.Samples.Cli;

/// <summary>
/// Gives commands their action: runs the body and turns the failures a user should see as a message, not a stack
/// trace, into <c>✗ message</c> on standard error and an exit code.
/// </summary>
public static class CommandRunner
{
    /// <summary>The exit code of a command that failed with a <see cref="ToolException"/>.</summary>
    public const int FailureExitCode = 1;

    /// <summary>The exit code of a command cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Creates a command with its own settings and an action with the tools' failure handling (see <see cref="SetHandler"/>).</summary>
    /// <param name="name">The command's name, such as <c>start</c>.</param>
    /// <param name="description">What the command does, for <c>--help</c>.</param>
    /// <param name="context">The tool's surroundings: failures go to its error console.</param>
    /// <param name="settings">The command's own options, in the order <c>--help</c> lists them.</param>
    /// <param name="body">The command's work; returns the exit code.</param>
    /// <returns>The command.</returns>
    public static Command CreateCommand(
        string name,
        string description,
        ToolContext context,
        IEnumerable<ToolSetting> settings,
        Func<ParseResult, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var command = new Command(name, description);
        foreach (var setting in settings)
        {
            command.Options.Add(setting.Option);
        }

        SetHandler(command, context, body);
        return command;
    }

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="body"/>, with the tools' failure handling.</summary>
    /// <param name="command">The command.</param>
    /// <param name="context">The tool's surroundings: failures go to its error console.</param>
    /// <param name="body">The command's work; returns the exit code.</param>
    /// <remarks>
    /// A <see cref="ToolException"/> (or a derived one) becomes <c>✗ message</c> and <see cref="FailureExitCode"/>;
    /// cancellation by the caller becomes <c>✗ Cancelled.</c> and <see cref="CancelledExitCode"/>. Anything else is a
    /// bug and is left to System.CommandLine's own handler (a stack trace on standard error; exit code 1).
    /// </remarks>
    public static void SetHandler(Command command, ToolContext context, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (ToolException ex)
            {
                new ToolOutput(context, json: false).Failure(ex.Message);
                return FailureExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                new ToolOutput(context, json: false).Failure("Cancelled.");
                return CancelledExitCode;
            }
        });
    }
}
