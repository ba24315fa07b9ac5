using SemanticCache.Samples.Testing;

namespace SemanticCache.ScyllaCloud.Tests;

/// <summary>Runs the tool in-process with captured output, a private environment and a temporary home directory.</summary>
internal sealed class ToolHarness : ToolHarnessBase
{
    public ToolHarness()
        : base("scylla-cloud-tests-", ScyllaCloudApp.BuildRootCommand)
    {
    }

    public string StatePath => Path.Combine(Home, "state", "clusters.json");

    /// <summary>Points the tool at a fake API: the token comes from the environment, URL and state file from the command line.</summary>
    public static ToolHarness For(FakeScyllaCloudApi api)
    {
        var harness = new ToolHarness();
        harness.Environment["SCYLLA_CLOUD_API_TOKEN"] = FakeScyllaCloudApi.Token;
        harness.Environment["SCYLLA_CLOUD_API_URL"] = api.BaseAddress.ToString();
        harness.Environment["SCYLLA_CLOUD_STATE_FILE"] = harness.StatePath;
        return harness;
    }

    public string ReadState() => File.ReadAllText(StatePath);
}
