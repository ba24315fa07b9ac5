using System.CommandLine;

namespace SemanticCache.ScyllaCloud;

/// <summary>The command tree of the tool and its entry point.</summary>
internal static class ScyllaCloudApp
{
    public static RootCommand BuildRootCommand(ToolContext context)
    {
        var globals = new GlobalSettings();
        var root = new RootCommand(
            "Manage ScyllaDB Cloud clusters with vector search through the ScyllaDB Cloud REST API. " +
            "Every option can also come from its environment variable; the command line wins, then the environment, then the default.");
        foreach (var option in globals.Options)
        {
            option.Recursive = true;
            root.Options.Add(option);
        }

        root.Subcommands.Add(CreateCommand.Build(globals, context));
        root.Subcommands.Add(DestroyCommand.Build(globals, context));
        root.Subcommands.Add(StatusCommand.Build(globals, context));
        root.Subcommands.Add(InfoCommand.Build(globals, context));
        root.Subcommands.Add(ListCommand.Build(globals, context));
        root.Subcommands.Add(ListClustersCommand.Build(globals, context));
        root.Subcommands.Add(GetAccountInfoCommand.Build(globals, context));
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
