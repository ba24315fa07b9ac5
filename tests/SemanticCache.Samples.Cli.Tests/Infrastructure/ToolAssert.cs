using System.CommandLine;
using System.CommandLine.Help;

namespace SemanticCache.Samples.Testing;

/// <summary>Assertions every sample tool must pass, whatever its commands.</summary>
internal static class ToolAssert
{
    /// <summary>
    /// Asserts that a subcommand's <c>--help</c> output shows every option it accepts (its own and the recursive
    /// global ones) with its description, and that every description names its environment variable.
    /// </summary>
    public static void HelpDocumentsEveryOption(RootCommand root, string subcommand, ToolRun help)
    {
        var command = root.Subcommands.Single(c => c.Name == subcommand);
        var options = command.Options.Concat(root.Options.Where(o => o.Recursive)).Where(o => o is not HelpOption);
        foreach (var option in options)
        {
            Assert.Contains(option.Name, help.Output, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(option.Description), option.Name);
            Assert.Contains("[env: ", option.Description, StringComparison.Ordinal);
            Assert.Contains(option.Description!.Split(" [env: ")[0], help.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        }
    }
}
