using System.CommandLine;

namespace SemanticCache.ScyllaCloud;

/// <summary>The command tree of the tool and its entry point.</summary>
internal static class ScyllaCloudApp
{
    public static RootCommand BuildRootCommand(ToolContext context)
    {
        var globals = new GlobalSettings();
        return ToolApp.CreateRootCommand(
            "Manage ScyllaDB Cloud clusters with vector search through the ScyllaDB Cloud REST API.",
            globals.Options,
            [
                CreateCommand.Build(globals, context),
                DestroyCommand.Build(globals, context),
                StatusCommand.Build(globals, context),
                InfoCommand.Build(globals, context),
                ListCommand.Build(globals, context),
                ListClustersCommand.Build(globals, context),
                GetAccountInfoCommand.Build(globals, context),
            ]);
    }

    public static Task<int> RunAsync(string[] args, ToolContext context, CancellationToken cancellationToken = default) =>
        ToolApp.RunAsync(BuildRootCommand(context), args, context, cancellationToken);
}
