using System.Text.Json.Nodes;
using SemanticCache.Samples.Testing;

namespace SemanticCache.PgVectorDocker.Tests;

public sealed class PgVectorDockerAppTests : SampleToolConventionTests<PgVectorDockerAppTests>, ISampleTool
{
    public static string[] Subcommands => ["start", "stop", "restart", "destroy", "status", "info", "logs"];

    static ToolHarnessBase ISampleTool.CreateHarness() => new ToolHarness();

    [Fact]
    public async Task Help_DoesNotPrintTheDefaultPassword()
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync("start", "--help");

        Assert.Contains("--password", run.Output, StringComparison.Ordinal);
        Assert.Contains("[env: POSTGRES_PASSWORD] [default: (hidden)]", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--port", "70000" }, "--port 70000 must be between 1 and 65535")]
    [InlineData(new[] { "--pg-version", "11" }, "--pg-version 11 is not supported; use 12 to 18")]
    [InlineData(new[] { "--name", "bad name" }, "--name 'bad name' is not a valid name")]
    [InlineData(new[] { "--database", "x;drop" }, "--database 'x;drop' is not a valid name")]
    [InlineData(new[] { "--bind-address", "localhost" }, "--bind-address 'localhost' is not an IP address")]
    [InlineData(new[] { "--docker-host", "ftp://x" }, "is not a Docker endpoint")]
    public async Task Run_InvalidSettings_FailBeforeTouchingAnything(string[] extra, string message)
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync(["start", .. extra]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidEnvironmentValue_NamesTheVariable()
    {
        using var harness = new ToolHarness();
        harness.Environment["PGVECTOR_ENGINE"] = "podman";

        var run = await harness.RunAsync("status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PGVECTOR_ENGINE='podman' is not one of: docker, native", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_AsSeparateProcess_UsesDockerHostFromTheEnvironment()
    {
        await using var daemon = new FakeDockerDaemon();
        var environment = new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = daemon.Host,
            ["PGVECTOR_NAME"] = "from-env",
        };

        var run = await ToolProcess.RunAsync("SemanticCache.PgVectorDocker.dll", environment, "status", "--output", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        var json = JsonNode.Parse(run.Output)!;
        Assert.Equal("from-env", json["name"]!.GetValue<string>());
        Assert.False(json["exists"]!.GetValue<bool>());
        Assert.Contains("GET /containers/from-env/json", daemon.CallLog);
    }
}
