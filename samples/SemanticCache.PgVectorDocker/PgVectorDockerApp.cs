using System.CommandLine;

namespace SemanticCache.PgVectorDocker;

/// <summary>The command tree of the tool and its entry point.</summary>
internal static class PgVectorDockerApp
{
    public static RootCommand BuildRootCommand(ToolContext context)
    {
        var globals = new GlobalSettings();
        var root = new RootCommand(
            "Run a local PostgreSQL with pgvector for the semantic cache: in Docker (default) or as a native initdb/pg_ctl cluster. " +
            "Every option can also come from its environment variable; the command line wins, then the environment, then the default.");
        foreach (var option in globals.Options)
        {
            option.Recursive = true;
            root.Options.Add(option);
        }

        root.Subcommands.Add(LifecycleCommands.Start(globals, context));
        root.Subcommands.Add(LifecycleCommands.Stop(globals, context));
        root.Subcommands.Add(LifecycleCommands.Restart(globals, context));
        root.Subcommands.Add(LifecycleCommands.Destroy(globals, context));
        root.Subcommands.Add(StatusCommand.Build(globals, context));
        root.Subcommands.Add(InfoCommand.Build(globals, context));
        root.Subcommands.Add(LogsCommand.Build(globals, context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, ToolContext context, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = context.Out.Profile.Out.Writer,
            Error = context.Error.Profile.Out.Writer,
        };
        return await BuildRootCommand(context).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
