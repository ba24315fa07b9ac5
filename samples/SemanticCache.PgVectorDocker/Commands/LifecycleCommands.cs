using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SemanticCache.PgVectorDocker;

/// <summary><c>start</c>, <c>stop</c>, <c>restart</c> and <c>destroy</c>: thin wrappers over the selected engine.</summary>
internal static class LifecycleCommands
{
    public static Command Start(GlobalSettings globals, ToolContext context)
    {
        var command = new Command("start", "Create (first time) and start PostgreSQL with pgvector, then wait until it is healthy.");
        CommandRunner.SetHandler(command, context, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            using var engine = globals.CreateEngine(parseResult, context, output);
            var code = await engine.StartAsync(cancellationToken);
            if (code == 0)
            {
                InfoCommand.Write(output, await engine.GetConnectionAsync(cancellationToken), revealPassword: false);
            }

            return code;
        });
        return command;
    }

    public static Command Stop(GlobalSettings globals, ToolContext context)
    {
        var command = new Command("stop", "Stop PostgreSQL and keep its data.");
        CommandRunner.SetHandler(command, context, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            using var engine = globals.CreateEngine(parseResult, context, output);
            return Report(output, engine, "stop", await engine.StopAsync(cancellationToken));
        });
        return command;
    }

    public static Command Restart(GlobalSettings globals, ToolContext context)
    {
        var command = new Command("restart", "Restart PostgreSQL and wait until it is healthy.");
        CommandRunner.SetHandler(command, context, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            using var engine = globals.CreateEngine(parseResult, context, output);
            return Report(output, engine, "restart", await engine.RestartAsync(cancellationToken));
        });
        return command;
    }

    public static Command Destroy(GlobalSettings globals, ToolContext context)
    {
        var removeVolumes = new Setting<bool>("--remove-volumes", "Also delete the data (Docker: the volume <name>-data; native: the data directory).", "PGVECTOR_REMOVE_VOLUMES", false);
        var force = new Setting<bool>("--force", "Do not ask for confirmation (required when input is not a terminal).", "PGVECTOR_FORCE", false);
        var command = new Command("destroy", "Remove the container (native: the cluster registration); the data stays unless --remove-volumes.");
        command.Options.Add(removeVolumes.Option);
        command.Options.Add(force.Option);
        CommandRunner.SetHandler(command, context, async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            var removeData = removeVolumes.Resolve(parseResult, context);
            using var engine = globals.CreateEngine(parseResult, context, output);
            if (!force.Resolve(parseResult, context))
            {
                var name = globals.Name.ResolveRequired(parseResult, context);
                if (!context.IsInteractive)
                {
                    throw new ToolException($"Refusing to destroy '{name}' without confirmation: pass --force.");
                }

                var what = removeData ? "and delete all its data" : "(its data is kept)";
                if (!await context.Out.ConfirmAsync($"Destroy '{Markup.Escape(name)}' {what}?", defaultValue: false, cancellationToken))
                {
                    output.Note("Cancelled; nothing was changed.");
                    return 1;
                }
            }

            return Report(output, engine, "destroy", await engine.DestroyAsync(removeData, cancellationToken));
        });
        return command;
    }

    private static int Report(ToolOutput output, IPostgresEngine engine, string action, int code)
    {
        if (output.IsJson)
        {
            output.Json(new JsonObject { ["engine"] = engine.Name, ["action"] = action, ["ok"] = code == 0 });
        }

        return code;
    }
}
