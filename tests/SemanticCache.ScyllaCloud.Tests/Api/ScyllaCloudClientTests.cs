using SemanticCache.Samples.Testing;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class ScyllaCloudClientTests
{
    [Fact]
    public async Task GetDefaultAccount_Request_CarriesBearerTokenAndJsonAccept()
    {
        await using var api = new FakeScyllaCloudApi();
        using var client = CreateClient(api);

        var account = await client.GetDefaultAccountAsync(TestContext.Current.CancellationToken);

        Assert.Equal(7, account.AccountId);
        var request = Assert.Single(api.Requests);
        Assert.Equal("Bearer " + FakeScyllaCloudApi.Token, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.StartsWith("SemanticCache.ScyllaCloud/", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_BaseUrlWithPath_KeepsThePathPrefix()
    {
        await using var server = new LoopbackHttpServer(_ => Task.FromResult(LoopbackResponse.Json("""{"error":"","data":{"accountId":"12"}}""")));
        using var client = new ScyllaCloudClient(new ScyllaCloudClientOptions { BaseUrl = new Uri(server.BaseAddress, "api/v1"), ApiToken = "t" });

        var account = await client.GetDefaultAccountAsync(TestContext.Current.CancellationToken);

        Assert.Equal(12, account.AccountId);
        Assert.Equal("/api/v1/account/default", Assert.Single(server.Requests).Path);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(502)]
    public async Task Send_TransientStatus_IsRetried(int status)
    {
        await using var api = new FakeScyllaCloudApi();
        api.Inject(r => r.Path == "/account/default", LoopbackResponse.Empty(status));
        using var client = CreateClient(api);

        var account = await client.GetDefaultAccountAsync(TestContext.Current.CancellationToken);

        Assert.Equal(7, account.AccountId);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task Send_RateLimitCode_IsRetriedEvenWithHttp200()
    {
        await using var api = new FakeScyllaCloudApi();
        api.Inject(r => r.Path == "/account/default", LoopbackResponse.Json("""{"error":"000001","data":null}"""));
        using var client = CreateClient(api);

        var account = await client.GetDefaultAccountAsync(TestContext.Current.CancellationToken);

        Assert.Equal(7, account.AccountId);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task Send_RetryAfterHeader_IsHonoured()
    {
        await using var api = new FakeScyllaCloudApi();
        api.Inject(
            r => r.Path == "/account/default",
            new LoopbackResponse { Status = 503, Headers = new Dictionary<string, string> { ["Retry-After"] = "0" } });
        using var client = CreateClient(api, retryDelay: TimeSpan.FromMinutes(10));

        var account = await client.GetDefaultAccountAsync(TestContext.Current.CancellationToken);

        Assert.Equal(7, account.AccountId);
    }

    [Fact]
    public async Task Send_TransientStatus_GivesUpAfterConfiguredRetries()
    {
        await using var api = new FakeScyllaCloudApi();
        for (var i = 0; i < 5; i++)
        {
            api.Inject(r => r.Path == "/account/default", LoopbackResponse.Empty(503));
        }

        using var client = CreateClient(api, retries: 2);

        var ex = await Assert.ThrowsAsync<ScyllaCloudApiException>(() => client.GetDefaultAccountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public async Task Send_ClientError_IsNotRetried()
    {
        await using var api = new FakeScyllaCloudApi();
        api.Inject(r => r.Path == "/account/default", LoopbackResponse.Json("""{"error":"040001","data":null}""", 400));
        using var client = CreateClient(api);

        var ex = await Assert.ThrowsAsync<ScyllaCloudApiException>(() => client.GetDefaultAccountAsync(TestContext.Current.CancellationToken));

        Assert.Equal("040001", ex.ErrorCode);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Send_ErrorCodeWithHttp200_IsAnError()
    {
        await using var api = new FakeScyllaCloudApi();
        api.Inject(r => r.Path == "/account/default", LoopbackResponse.Json("""{"error":"040745","data":null}"""));
        using var client = CreateClient(api);

        var ex = await Assert.ThrowsAsync<ScyllaCloudApiException>(() => client.GetDefaultAccountAsync(TestContext.Current.CancellationToken));

        Assert.Contains("code 040745 (vector search is not supported on this cluster)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NonJsonError_ReportsStatusAndBody()
    {
        await using var api = new FakeScyllaCloudApi();
        api.Inject(r => r.Path == "/account/default", new LoopbackResponse { Status = 500, ContentType = "text/plain", Body = "upstream exploded"u8.ToArray() });
        using var client = CreateClient(api, retries: 0);

        var ex = await Assert.ThrowsAsync<ScyllaCloudApiException>(() => client.GetDefaultAccountAsync(TestContext.Current.CancellationToken));

        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains("upstream exploded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NothingListening_FailsWithReachabilityMessage()
    {
        var port = FreePort();
        using var client = new ScyllaCloudClient(new ScyllaCloudClientOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{port}/"),
            ApiToken = "t",
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        });

        var ex = await Assert.ThrowsAsync<ToolException>(() => client.GetDefaultAccountAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Cannot reach the ScyllaDB Cloud API", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCluster_RequestIdAsString_IsRead()
    {
        await using var api = new FakeScyllaCloudApi();
        using var client = CreateClient(api);
        var body = new ClusterCreateRequest
        {
            ClusterName = "x",
            BroadcastType = "PUBLIC",
            UserApiInterface = "CQL",
            ScyllaVersion = "2025.4.2",
            Provisioning = "dedicated-vm",
        };

        var requestId = await client.CreateClusterAsync(7, body, TestContext.Current.CancellationToken);

        // The fake answers {"requestId":"901"} (a string, as in the OpenAPI).
        Assert.Equal(901, requestId);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ScyllaCloudClient CreateClient(FakeScyllaCloudApi api, int retries = 3, TimeSpan? retryDelay = null) => new(new ScyllaCloudClientOptions
    {
        BaseUrl = api.BaseAddress,
        ApiToken = FakeScyllaCloudApi.Token,
        MaxRetries = retries,
        RetryDelay = retryDelay ?? TimeSpan.FromMilliseconds(1),
    });
}
