using System.CommandLine;

namespace SemanticCache.PgVectorDocker;

/// <summary>The command tree of the tool and its entry point.</summary>
internal static class PgVectorDockerApp
{
    public static RootCommand BuildRootCommand(ToolContext context)
    {
        var globals = new GlobalSettings();
        return ToolApp.CreateRootCommand(
            "Run a local PostgreSQL with pgvector for the semantic cache: in Docker (default) or as a native initdb/pg_ctl cluster.",
            globals.Options,
            [
                LifecycleCommands.Start(globals, context),
                LifecycleCommands.Stop(globals, context),
                LifecycleCommands.Restart(globals, context),
                LifecycleCommands.Destroy(globals, context),
                StatusCommand.Build(globals, context),
                InfoCommand.Build(globals, context),
                LogsCommand.Build(globals, context),
            ]);
    }

    public static Task<int> RunAsync(string[] args, ToolContext context, CancellationToken cancellationToken = default) =>
        ToolApp.RunAsync(BuildRootCommand(context), args, context, cancellationToken);
}
