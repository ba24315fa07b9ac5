using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// A small client for the ScyllaDB Cloud REST API: bearer authentication, the <c>{error, data}</c> envelope, and
/// the retries the official Terraform provider makes (HTTP 408/423/425/429/502/503/504, code 000001, dropped
/// connections).
/// </summary>
internal sealed class ScyllaCloudClient : IDisposable
{
    /// <summary>The public API endpoint, used when neither <c>--api-url</c> nor the environment names another.</summary>
    public const string DefaultBaseUrl = "https://api.cloud.scylladb.com";

    private static readonly HashSet<HttpStatusCode> TransientStatusCodes =
    [
        HttpStatusCode.RequestTimeout,
        HttpStatusCode.Locked,
        (HttpStatusCode)425, // Too Early
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    private readonly HttpClient _http;
    private readonly int _maxRetries;
    private readonly TimeSpan _retryDelay;
    private readonly TimeProvider _timeProvider;

    public ScyllaCloudClient(ScyllaCloudClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxRetries = options.MaxRetries;
        _retryDelay = options.RetryDelay;
        _timeProvider = options.TimeProvider;
#pragma warning disable CA2000 // The handlers are owned and disposed by the HttpClient (disposeHandler: true).
        HttpMessageHandler handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (options.Debug is not null)
        {
            handler = new DebugLoggingHandler(options.Debug, options.TimeProvider, handler);
        }
#pragma warning restore CA2000

        var baseUrl = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseUrl, Timeout = options.Timeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiToken);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("SemanticCache.ScyllaCloud/" + typeof(ScyllaCloudClient).Assembly.GetName().Version?.ToString(3));
    }

    public async Task<AccountInfo> GetDefaultAccountAsync(CancellationToken cancellationToken = default) =>
        Read(await SendAsync(HttpMethod.Get, "account/default", null, cancellationToken), ScyllaCloudJsonContext.Default.AccountInfo);

    public Task<JsonElement> GetDefaultAccountRawAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "account/default", null, cancellationToken);

    public async Task<IReadOnlyList<CloudProvider>> GetCloudProvidersAsync(CancellationToken cancellationToken = default) =>
        Read(await SendAsync(HttpMethod.Get, "deployment/cloud-providers", null, cancellationToken), ScyllaCloudJsonContext.Default.CloudProviderList).CloudProviders;

    public async Task<IReadOnlyList<CloudRegion>> GetRegionsAsync(long cloudProviderId, CancellationToken cancellationToken = default) =>
        Read(await SendAsync(HttpMethod.Get, $"deployment/cloud-provider/{cloudProviderId}/regions?defaults=true", null, cancellationToken), ScyllaCloudJsonContext.Default.CloudRegionList).Regions;

    /// <summary>Lists the instance types of a region; <paramref name="vectorSearch"/> asks for the vector search node types (<c>target=VECTOR_SEARCH</c>).</summary>
    public async Task<IReadOnlyList<InstanceType>> GetInstanceTypesAsync(long cloudProviderId, long regionId, bool vectorSearch, CancellationToken cancellationToken = default)
    {
        var path = $"deployment/cloud-provider/{cloudProviderId}/region/{regionId}" + (vectorSearch ? "?target=VECTOR_SEARCH" : string.Empty);
        return Read(await SendAsync(HttpMethod.Get, path, null, cancellationToken), ScyllaCloudJsonContext.Default.InstanceTypeList).Instances;
    }

    /// <summary>Asks for a new cluster; the answer carries only the request id (<c>data.requestId</c>).</summary>
    public async Task<long> CreateClusterAsync(long accountId, ClusterCreateRequest request, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(request, ScyllaCloudJsonContext.Default.ClusterCreateRequest);
        var data = await SendAsync(HttpMethod.Post, $"account/{accountId}/cluster", body, cancellationToken);
        var info = Read(data, ScyllaCloudJsonContext.Default.ClusterRequestInfo);
        return info.RequestId ?? (info.Id != 0 ? info.Id : throw new ScyllaCloudApiException("The create-cluster answer has no requestId."));
    }

    public async Task<ClusterRequestInfo> GetClusterRequestAsync(long accountId, long requestId, CancellationToken cancellationToken = default) =>
        Read(await SendAsync(HttpMethod.Get, $"account/{accountId}/cluster/request/{requestId}", null, cancellationToken), ScyllaCloudJsonContext.Default.ClusterRequestInfo);

    public Task<JsonElement> GetClusterRawAsync(long accountId, long clusterId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"account/{accountId}/cluster/{clusterId}?enriched=true", null, cancellationToken);

    public static ClusterDetails ReadCluster(JsonElement data) =>
        Read(data, ScyllaCloudJsonContext.Default.ClusterDetailsEnvelope).Cluster
        ?? throw new ScyllaCloudApiException("The cluster answer has no 'cluster' object.");

    public Task<JsonElement> ListClustersRawAsync(long accountId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"account/{accountId}/clusters?enriched=true", null, cancellationToken);

    public Task<JsonElement> GetConnectInfoRawAsync(long accountId, long clusterId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"account/{accountId}/cluster/connect?clusterId={clusterId}", null, cancellationToken);

    public static ConnectInfo ReadConnectInfo(JsonElement data) => Read(data, ScyllaCloudJsonContext.Default.ConnectInfo);

    public async Task<VectorSearchInfo> GetVectorSearchAsync(long accountId, long clusterId, long dcId, CancellationToken cancellationToken = default) =>
        Read(await SendAsync(HttpMethod.Get, $"account/{accountId}/cluster/{clusterId}/dc/{dcId}/vector-search", null, cancellationToken), ScyllaCloudJsonContext.Default.VectorSearchInfo);

    /// <summary>Deletes a cluster (asynchronously on the server); the API wants the exact name as a guard.</summary>
    public async Task<ClusterRequestInfo> DeleteClusterAsync(long accountId, long clusterId, string clusterName, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new ClusterDeleteRequest { ClusterName = clusterName }, ScyllaCloudJsonContext.Default.ClusterDeleteRequest);
        return Read(await SendAsync(HttpMethod.Post, $"account/{accountId}/cluster/{clusterId}/delete", body, cancellationToken), ScyllaCloudJsonContext.Default.ClusterRequestInfo);
    }

    public void Dispose() => _http.Dispose();

    private static T Read<T>(JsonElement data, JsonTypeInfo<T> typeInfo)
    {
        if (data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw new ScyllaCloudApiException("The API answered without 'data'.");
        }

        try
        {
            return data.Deserialize(typeInfo) ?? throw new ScyllaCloudApiException("The API answered with empty 'data'.");
        }
        catch (JsonException ex)
        {
            throw new ScyllaCloudApiException($"The API answered with unexpected 'data' for {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < _maxRetries)
            {
                await Task.Delay(Backoff(attempt, null), _timeProvider, cancellationToken);
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw new ToolException($"Cannot reach the ScyllaDB Cloud API at {_http.BaseAddress}: {ex.Message}", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ToolException($"The ScyllaDB Cloud API did not answer {method} /{path} within {_http.Timeout.TotalSeconds:F0} s.", ex);
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var (errorCode, data, detail) = ParseEnvelope(text);
                var failed = !response.IsSuccessStatusCode || !string.IsNullOrEmpty(errorCode);
                if (!failed)
                {
                    return data;
                }

                var transient = TransientStatusCodes.Contains(response.StatusCode) || errorCode == "000001";
                if (transient && attempt < _maxRetries)
                {
                    await Task.Delay(Backoff(attempt, response.Headers.RetryAfter), _timeProvider, cancellationToken);
                    continue;
                }

                throw new ScyllaCloudApiException(method.Method, "/" + path, response.StatusCode, errorCode, detail);
            }
        }
    }

    private static (string? ErrorCode, JsonElement Data, string? Detail) ParseEnvelope(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, default, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, root.Clone(), Shorten(text));
            }

            string? code = null;
            if (root.TryGetProperty("error", out var error))
            {
                code = error.ValueKind switch
                {
                    JsonValueKind.String => error.GetString(),
                    JsonValueKind.Number => error.GetRawText(),
                    _ => null,
                };
            }

            var data = root.TryGetProperty("data", out var d) ? d.Clone() : default;
            string? detail = null;
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                detail = message.GetString();
            }
            else if (root.TryGetProperty("message", out var rootMessage) && rootMessage.ValueKind == JsonValueKind.String)
            {
                detail = rootMessage.GetString();
            }

            return (string.IsNullOrWhiteSpace(code) ? null : code, data, detail);
        }
        catch (JsonException)
        {
            return (null, default, Shorten(text));
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text.Trim() : text[..300].Trim() + "…";

    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        var factor = Math.Pow(2, attempt);
        return TimeSpan.FromMilliseconds(Math.Min(_retryDelay.TotalMilliseconds * factor, 30_000));
    }
}
