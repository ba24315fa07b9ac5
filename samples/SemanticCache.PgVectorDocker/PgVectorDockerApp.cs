using System.CommandLine;

namespace SemanticCache.PgVectorDocker;

/// <summary>The command tree of the tool; <c>Program</c> runs it with <see cref="ToolApp.RunAsync"/>.</summary>
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
}
