using System.CommandLine;
using Spectre.Console;

namespace SemanticCache.ScyllaCloud;

/// <summary>The options every subcommand accepts (declared recursive on the root command).</summary>
internal sealed class GlobalSettings
{
    public TextSetting ApiToken { get; } = new(
        "--api-token",
        "ScyllaDB Cloud API token (sent as a bearer token; never printed).",
        "SCYLLA_CLOUD_API_TOKEN",
        defaultValue: null,
        isSecret: true);

    public TextSetting ApiUrl { get; } = new(
        "--api-url",
        "Base URL of the ScyllaDB Cloud REST API.",
        "SCYLLA_CLOUD_API_URL",
        ScyllaCloudClient.DefaultBaseUrl);

    public Setting<long> AccountId { get; } = new(
        "--account-id",
        "ScyllaDB Cloud account id.",
        "SCYLLA_CLOUD_ACCOUNT_ID",
        0,
        "looked up with GET /account/default");

    public TextSetting StateFile { get; } = new(
        "--state-file",
        "Local state file that maps cluster names to ids.",
        "SCYLLA_CLOUD_STATE_FILE",
        defaultValue: null,
        defaultText: "~/.scylla-clusters.json");

    public TextSetting Output { get; } = new(
        "--output",
        "Output format.",
        "SCYLLA_CLOUD_OUTPUT",
        "text",
        allowed: ["text", "json"]);

    public Setting<bool> Debug { get; } = new(
        "--debug",
        "Log every HTTP request and response to standard error (Authorization header and passwords masked).",
        "SCYLLA_CLOUD_DEBUG",
        false);

    public Setting<int> Retries { get; } = new(
        "--retries",
        "Retries of a request that failed transiently (HTTP 408/423/425/429/502/503/504, code 000001, dropped connection).",
        "SCYLLA_CLOUD_RETRIES",
        3);

    public Setting<double> HttpTimeout { get; } = new(
        "--http-timeout",
        "Seconds to wait for one HTTP answer.",
        "SCYLLA_CLOUD_HTTP_TIMEOUT",
        60);

    public IEnumerable<Option> Options =>
    [
        ApiToken.Option, ApiUrl.Option, AccountId.Option, StateFile.Option, Output.Option, Debug.Option, Retries.Option, HttpTimeout.Option,
    ];

    public ClusterStateStore CreateStateStore(ParseResult parseResult, ToolContext context) =>
        new(StateFile.Resolve(parseResult, context) ?? Path.Combine(context.HomeDirectory, ".scylla-clusters.json"));

    public ToolOutput CreateOutput(ParseResult parseResult, ToolContext context) =>
        new(context, Output.Resolve(parseResult, context) == "json");

    /// <summary>Creates the API client; fails with a clear message when no token is configured.</summary>
    public ScyllaCloudClient CreateClient(ParseResult parseResult, ToolContext context)
    {
        var token = ApiToken.Resolve(parseResult, context);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ToolException("An API token is required: pass --api-token or set SCYLLA_CLOUD_API_TOKEN.");
        }

        var url = ApiUrl.Resolve(parseResult, context)!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ToolException($"--api-url '{url}' is not an http(s) URL.");
        }

        var retries = Retries.Resolve(parseResult, context);
        if (retries < 0)
        {
            throw new ToolException("--retries must be 0 or more.");
        }

        var timeout = HttpTimeout.Resolve(parseResult, context);
        if (timeout <= 0)
        {
            throw new ToolException("--http-timeout must be more than 0 seconds.");
        }

        Action<string>? debug = null;
        if (Debug.Resolve(parseResult, context))
        {
            debug = line => context.Error.WriteLine(line);
        }

        return new ScyllaCloudClient(new ScyllaCloudClientOptions
        {
            BaseUrl = baseUrl,
            ApiToken = token,
            MaxRetries = retries,
            RetryDelay = context.RetryDelay,
            Timeout = TimeSpan.FromSeconds(timeout),
            TimeProvider = context.TimeProvider,
            Debug = debug,
        });
    }

    /// <summary>Resolves the account: command line, environment, the cluster's recorded account, then the API's default account.</summary>
    public async Task<long> ResolveAccountIdAsync(
        ParseResult parseResult,
        ToolContext context,
        ScyllaCloudClient client,
        ClusterStateEntry? entry,
        CancellationToken cancellationToken)
    {
        var accountId = AccountId.Resolve(parseResult, context);
        if (accountId > 0)
        {
            return accountId;
        }

        if (entry is { AccountId: > 0 })
        {
            return entry.AccountId;
        }

        var account = await client.GetDefaultAccountAsync(cancellationToken);
        if (account.AccountId <= 0)
        {
            throw new ToolException("GET /account/default returned no accountId; pass --account-id.");
        }

        return account.AccountId;
    }
}
