using System.CommandLine;

namespace SemanticCache.ScyllaCloud;

/// <summary>The command tree of the tool; <c>Program</c> runs it with <see cref="ToolApp.RunAsync"/>.</summary>
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
}
