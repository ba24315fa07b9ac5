using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SemanticCache.PgVectorDocker;

/// <summary><c>start</c>, <c>stop</c>, <c>restart</c> and <c>destroy</c>: thin wrappers over the selected engine.</summary>
internal static class LifecycleCommands
{
    public static Command Start(GlobalSettings globals, ToolContext context) =>
        EngineCommand.Create(globals, context, "start", "Create (first time) and start PostgreSQL with pgvector, then wait until it is healthy.", [], async (output, engine, _, cancellationToken) =>
        {
            var code = await engine.StartAsync(cancellationToken);
            if (code == 0)
            {
                InfoCommand.Write(output, await engine.GetConnectionAsync(cancellationToken), revealPassword: false);
            }

            return code;
        });

    public static Command Stop(GlobalSettings globals, ToolContext context) =>
        Reported(globals, context, "stop", "Stop PostgreSQL and keep its data.", (engine, cancellationToken) => engine.StopAsync(cancellationToken));

    public static Command Restart(GlobalSettings globals, ToolContext context) =>
        Reported(globals, context, "restart", "Restart PostgreSQL and wait until it is healthy.", (engine, cancellationToken) => engine.RestartAsync(cancellationToken));

    public static Command Destroy(GlobalSettings globals, ToolContext context)
    {
        var removeVolumes = new Setting<bool>("--remove-volumes", "Also delete the data (Docker: the volume <name>-data; native: the data directory).", "PGVECTOR_REMOVE_VOLUMES", false);
        var force = new Setting<bool>("--force", "Do not ask for confirmation (required when input is not a terminal).", "PGVECTOR_FORCE", false);
        return CommandRunner.CreateCommand("destroy", "Remove the container (native: the cluster registration); the data stays unless --remove-volumes.", context, [removeVolumes, force], async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            var removeData = removeVolumes.Resolve(parseResult, context);
            using var engine = globals.CreateEngine(parseResult, context, output);
            var name = globals.Name.ResolveRequired(parseResult, context);
            var what = removeData ? "and delete all its data" : "(its data is kept)";
            if (!await output.ConfirmAsync("destroy", name, $"Destroy '{Markup.Escape(name)}' {what}?", force.Resolve(parseResult, context), cancellationToken))
            {
                return 1;
            }

            return Report(output, engine, "destroy", await engine.DestroyAsync(removeData, cancellationToken));
        });
    }

    /// <summary>A command that runs one engine action and, for JSON output, reports whether it succeeded.</summary>
    private static Command Reported(GlobalSettings globals, ToolContext context, string name, string description, Func<PostgresEngine, CancellationToken, Task<int>> action) =>
        EngineCommand.Create(globals, context, name, description, [], async (output, engine, _, cancellationToken) =>
            Report(output, engine, name, await action(engine, cancellationToken)));

    private static int Report(ToolOutput output, PostgresEngine engine, string action, int code)
    {
        if (output.IsJson)
        {
            output.Json(new JsonObject { ["engine"] = engine.Name, ["action"] = action, ["ok"] = code == 0 });
        }

        return code;
    }
}
