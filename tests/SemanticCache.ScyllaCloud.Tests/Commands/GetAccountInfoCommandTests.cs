using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class GetAccountInfoCommandTests
{
    [Fact]
    public async Task GetAccountInfo_Text_ShowsAccountFields()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("get-account-info");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("accountId", run.Output, StringComparison.Ordinal);
        Assert.Contains("Test Account", run.Output, StringComparison.Ordinal);
        Assert.Equal("/account/default", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task GetAccountInfo_Json_IsTheDataObject()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("get-account-info", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(7, JsonNode.Parse(run.Output)!["accountId"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetAccountInfo_WrongToken_ReportsBearerErrorWithoutPrintingToken()
    {
        await using var api = new FakeScyllaCloudApi();
        using var harness = ToolHarness.For(api);

        var run = await harness.RunAsync("get-account-info", "--api-token", "wrong-token-value");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("HTTP 401, code 020005", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-value", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal("Bearer wrong-token-value", Assert.Single(api.Requests).Header("Authorization"));
    }
}
