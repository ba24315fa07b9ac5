using System.CommandLine;

namespace SemanticCache.PgVectorDocker;

/// <summary>
/// Builds a command that works on the selected engine, with its own settings: each run creates the output and the
/// engine, then runs the body and disposes the engine.
/// </summary>
internal static class EngineCommand
{
    public static Command Create(
        GlobalSettings globals,
        ToolContext context,
        string name,
        string description,
        ToolSetting[] settings,
        Func<ToolOutput, PostgresEngine, ParseResult, CancellationToken, Task<int>> body) =>
        CommandRunner.CreateCommand(name, description, context, settings, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            using var engine = globals.CreateEngine(parseResult, context, output);
            return await body(output, engine, parseResult, cancellationToken);
        });
}
