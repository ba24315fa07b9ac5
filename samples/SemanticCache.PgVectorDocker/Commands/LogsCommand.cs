using System.CommandLine;

namespace SemanticCache.PgVectorDocker;

/// <summary><c>logs</c>: the server log (Docker: container output; native: postgresql.log).</summary>
internal static class LogsCommand
{
    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        var tail = new Setting<int>("--tail", "Number of lines from the end of the log.", "PGVECTOR_LOGS_TAIL", 100);
        var follow = new Setting<bool>("--follow", "Keep printing new lines until Ctrl+C.", "PGVECTOR_LOGS_FOLLOW", false);
        follow.Option.Aliases.Add("-f");
        return CommandRunner.CreateCommand("logs", "Print the server log (Docker: container output; native: postgresql.log).", context, [tail, follow], async (parseResult, cancellationToken) =>
        {
            var lines = tail.Resolve(parseResult, context);
            if (lines < 0)
            {
                throw new ToolException("--tail must be 0 or more.");
            }

            var output = globals.CreateOutput(parseResult, context);
            using var engine = globals.CreateEngine(parseResult, context, output);
            await engine.LogsAsync(lines, follow.Resolve(parseResult, context), output.RawOut, cancellationToken);
            return 0;
        });
    }
}
