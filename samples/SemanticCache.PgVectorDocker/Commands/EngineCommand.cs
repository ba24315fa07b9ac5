using System.CommandLine;

namespace SemanticCache.PgVectorDocker;

/// <summary>
/// Builds a command that works on the selected engine, with its own options: each run creates the output and the
/// engine, then runs the body and disposes the engine.
/// </summary>
internal static class EngineCommand
{
    public static Command Create(
        string name,
        string description,
        GlobalSettings globals,
        ToolContext context,
        ToolSetting[] options,
        Func<ToolOutput, PostgresEngine, ParseResult, CancellationToken, Task<int>> body)
    {
        var command = new Command(name, description);
        foreach (var setting in options)
        {
            command.Options.Add(setting.Option);
        }

        CommandRunner.SetHandler(command, context, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            using var engine = globals.CreateEngine(parseResult, context, output);
            return await body(output, engine, parseResult, cancellationToken);
        });
        return command;
    }
}
