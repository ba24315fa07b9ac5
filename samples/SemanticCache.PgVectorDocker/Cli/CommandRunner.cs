using System.CommandLine;
using Spectre.Console;

namespace SemanticCache.PgVectorDocker;

/// <summary>Runs a command body and turns expected failures into <c>✗ message</c> and exit code 1.</summary>
internal static class CommandRunner
{
    public static void SetHandler(Command command, ToolContext context, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken);
            }
            catch (ToolException ex)
            {
                Fail(context, ex.Message);
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Fail(context, "Cancelled.");
                return 130;
            }
        });

    private static void Fail(ToolContext context, string message) =>
        context.Error.MarkupLine($"[red]✗[/] {Markup.Escape(message)}");
}
