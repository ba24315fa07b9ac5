using SemanticCache.Samples.Testing;

namespace SemanticCache.PgVectorDocker.Tests;

/// <summary>Runs the tool in-process with captured output, a private environment and a temporary home directory.</summary>
internal sealed class ToolHarness : ToolHarnessBase
{
    public ToolHarness()
        : base("pgvector-tool-tests-", PgVectorDockerApp.BuildRootCommand)
    {
        if (!OperatingSystem.IsWindows())
        {
            // The native engine runs PostgreSQL as the postgres user when the tests run as root: it must enter this directory.
            File.SetUnixFileMode(Home, (UnixFileMode)0b111_101_101);
        }
    }

    /// <summary>Points the tool at a fake Docker daemon through DOCKER_HOST, as a user would.</summary>
    public static ToolHarness For(FakeDockerDaemon daemon)
    {
        var harness = new ToolHarness();
        harness.Environment["DOCKER_HOST"] = daemon.Host;
        return harness;
    }
}
