namespace SemanticCache.ScyllaCloud.Tests;

public sealed class DebugLoggingHandlerTests
{
    [Fact]
    public async Task Debug_LogsEveryRequestAndResponseWithSecretsMasked()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        await DestroyCommandTests.CreateActiveAsync(harness, "demo");

        var run = await harness.RunAsync("info", "--name", "demo", "--debug");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("→ GET http://127.0.0.1:", run.Error, StringComparison.Ordinal);
        Assert.Contains("/account/7/cluster/connect?clusterId=", run.Error, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer ****", run.Error, StringComparison.Ordinal);
        Assert.Contains("← 200 OK", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"password\": \"****\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"username\": \"scylla\"", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeScyllaCloudApi.Token, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeScyllaCloudApi.CqlPassword, run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_LogsRequestBodies()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("create", "--name", "demo", "--debug", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("→ POST http://127.0.0.1:", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"clusterName\": \"demo\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json; charset=utf-8", run.Error, StringComparison.Ordinal);

        // Debug goes to standard error: standard output is still exactly one JSON document.
        Assert.Equal("demo", System.Text.Json.Nodes.JsonNode.Parse(run.Output)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Debug_FromEnvironment_IsOn()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);
        harness.Environment["SCYLLA_CLOUD_DEBUG"] = "1";

        var run = await harness.RunAsync("get-account-info");

        Assert.Contains("→ GET", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MaskSecrets_NestedPasswordsAndTokens_AreMasked()
    {
        var masked = DebugLoggingHandler.MaskSecrets("""{"a":[{"Password":"p1"}],"apiToken":"t1","keep":"v"}""");

        Assert.DoesNotContain("p1", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("t1", masked, StringComparison.Ordinal);
        Assert.Contains("\"keep\": \"v\"", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void MaskSecrets_NotJson_IsReturnedAsIs()
    {
        Assert.Equal("plain text", DebugLoggingHandler.MaskSecrets("plain text"));
    }
}
