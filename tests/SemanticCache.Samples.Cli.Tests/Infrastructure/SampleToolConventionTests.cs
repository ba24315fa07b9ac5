using System.Diagnostics.CodeAnalysis;

namespace SemanticCache.Samples.Testing;

/// <summary>
/// The conventions every sample tool follows, specified once (as the stores' conformance tests are): its help
/// documents every option with its environment variable and the precedence. Each tool's app tests derive from it,
/// naming themselves as <typeparamref name="TTool"/>.
/// </summary>
/// <typeparam name="TTool">The deriving test class, which names the tool's subcommands and harness.</typeparam>
public abstract class SampleToolConventionTests<TTool>
    where TTool : ISampleTool
{
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "xUnit reads theory data from a static member; each closed type is one tool's.")]
    public static TheoryData<string> Commands => [.. TTool.Subcommands];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EverySubcommand_DocumentsEveryOptionWithItsEnvironmentVariable(string name)
    {
        using var harness = TTool.CreateHarness();

        var run = await harness.RunAsync(name, "--help");

        Assert.Equal(0, run.ExitCode);
        ToolAssert.HelpDocumentsEveryOption(harness.BuildRootCommand(), name, run);
    }

    [Fact]
    public async Task Help_Root_ListsAllSubcommands()
    {
        using var harness = TTool.CreateHarness();

        var run = await harness.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var name in TTool.Subcommands)
        {
            Assert.Contains(name, run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("the command line wins, then the environment, then the default", run.Output, StringComparison.Ordinal);
    }
}
