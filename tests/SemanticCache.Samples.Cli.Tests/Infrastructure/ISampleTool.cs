namespace SemanticCache.Samples.Testing;

/// <summary>A sample tool under test, as <see cref="SampleToolConventionTests{TTool}"/> needs it: its subcommands and a harness.</summary>
public interface ISampleTool
{
    /// <summary>Gets the names of every subcommand the tool must have.</summary>
    static abstract string[] Subcommands { get; }

    /// <summary>Creates a harness that runs the tool in-process.</summary>
    static abstract ToolHarnessBase CreateHarness();
}
