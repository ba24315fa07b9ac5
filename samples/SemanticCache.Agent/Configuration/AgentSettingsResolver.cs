using System.CommandLine;
using Env = SemanticCache.Agent.AgentEnvironmentVariables;

namespace SemanticCache.Agent;

/// <summary>
/// Resolves every setting with the seed's precedence: the command line, else the environment variable, else the default.
/// </summary>
internal sealed class AgentSettingsResolver
{
    private readonly ParseResult _parseResult;
    private readonly Func<string, string?> _environment;

    private AgentSettingsResolver(ParseResult parseResult, Func<string, string?> environment)
    {
        _parseResult = parseResult;
        _environment = environment;
    }

    /// <summary>Resolves the settings of a parsed command line.</summary>
    /// <param name="commandLine">The command line's options.</param>
    /// <param name="parseResult">A parse result without errors.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="AgentUsageException">A value is malformed or does not fit the other settings.</exception>
    public static AgentSettings Resolve(AgentCommandLine commandLine, ParseResult parseResult, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        var r = new AgentSettingsResolver(parseResult, environment);
        var c = commandLine;

        var cache = r.Get(c.WithCache, Env.WithCache, AgentValueParser.Backend, AgentDefaults.Cache, AgentValueParser.Backend);
        var provider = r.Get(c.Provider, Env.Provider, AgentValueParser.Provider, AgentDefaults.Provider, AgentValueParser.Provider);
        var isAnthropic = provider.Value == ChatProvider.Anthropic;
        var model = r.Get(c.Model, isAnthropic ? Env.AnthropicModel : Env.OpenAIModel, s => s.Trim(), isAnthropic ? AgentDefaults.AnthropicModel : string.Empty, s => s.Trim());
        var apiKey = isAnthropic
            ? r.Get<string, string?>(c.AnthropicApiKey, Env.AnthropicApiKey, s => s, null, s => s)
            : r.Get<string, string?>(c.OpenAIApiKey, Env.OpenAIApiKey, s => s, null, s => s);
        var endpoint = r.Get<string, Uri?>(c.Endpoint, isAnthropic ? Env.AnthropicEndpoint : Env.OpenAIEndpoint, AgentValueParser.AbsoluteUri, null, AgentValueParser.AbsoluteUri);
        var function = r.Get(c.SimilarityFunction, Env.SimilarityFunction, AgentValueParser.SimilarityFunction, AgentDefaults.SimilarityFunction, AgentValueParser.SimilarityFunction);

        var settings = new AgentSettings
        {
            Prompts = [.. parseResult.GetValue(c.Prompt) ?? [], .. parseResult.GetValue(c.PromptArguments) ?? []],
            Cache = cache,
            Provider = provider,
            Model = model,
            ApiKey = apiKey,
            Endpoint = endpoint,
            MaxTokens = r.Get(c.MaxTokens, Env.MaxTokens, AgentValueParser.Integer, AgentDefaults.MaxTokens, v => v),
            EmbeddingModel = r.Get(c.EmbeddingModel, Env.EmbeddingModel, s => s.Trim(), AgentDefaults.EmbeddingModel, s => s.Trim()),
            SimilarityThreshold = r.Get(c.SimilarityThreshold, Env.SimilarityThreshold, AgentValueParser.Number, AgentDefaults.SimilarityThreshold, v => v),
            SimilarityFunction = function,
            TimeToLive = r.Get<string, TimeSpan?>(c.Ttl, Env.TimeToLive, AgentValueParser.TimeToLive, AgentDefaults.TimeToLive, AgentValueParser.TimeToLive),
            L1MaxEntries = r.Get(c.L1MaxEntries, Env.L1MaxEntries, AgentValueParser.Integer, AgentDefaults.L1MaxEntries, v => v),
            MemorySnapshot = r.Get<string, string?>(c.MemorySnapshot, Env.MemorySnapshot, s => s, null, s => s),
            Stream = r.Get(c.Stream, Env.Stream, AgentValueParser.Boolean, false, v => v),
            Interactive = r.Get(c.Interactive, Env.Interactive, AgentValueParser.Boolean, false, v => v),
            History = r.Get(c.History, Env.History, AgentValueParser.Integer, AgentDefaults.History, v => v),
            ShowConfig = r.Get(c.ShowConfig, Env.ShowConfig, AgentValueParser.Boolean, false, v => v),
            Postgres = new PostgresSettings
            {
                ConnectionString = r.Get<string, string?>(c.PostgresConnectionString, Env.PostgresConnectionString, s => s, null, s => s),
                Host = r.Get(c.PostgresHost, Env.PostgresHost, s => s, AgentDefaults.PostgresHost, s => s),
                Port = r.Get(c.PostgresPort, Env.PostgresPort, AgentValueParser.Integer, AgentDefaults.PostgresPort, v => v),
                User = r.Get(c.PostgresUser, Env.PostgresUser, s => s, AgentDefaults.PostgresUser, s => s),
                Password = r.Get<string, string?>(c.PostgresPassword, Env.PostgresPassword, s => s, null, s => s),
                Database = r.Get(c.PostgresDatabase, Env.PostgresDatabase, s => s, AgentDefaults.PostgresDatabase, s => s),
                Schema = r.Get<string, string?>(c.PostgresSchema, Env.PostgresSchema, s => s, null, s => s),
                Table = r.Get<string, string?>(c.PostgresTable, Env.PostgresTable, s => s, null, s => s),
            },
            Scylla = new ScyllaSettings
            {
                ContactPoints = r.Get(c.ScyllaContactPoints, Env.ScyllaContactPoints, AgentValueParser.List, AgentValueParser.List(AgentDefaults.ScyllaContactPoints), AgentValueParser.List),
                Port = r.Get(c.ScyllaPort, Env.ScyllaPort, AgentValueParser.Integer, AgentDefaults.ScyllaPort, v => v),
                User = r.Get(c.ScyllaUser, Env.ScyllaUser, s => s, AgentDefaults.ScyllaUser, s => s),
                Password = r.Get<string, string?>(c.ScyllaPassword, Env.ScyllaPassword, s => s, null, s => s),
                Keyspace = r.Get<string, string?>(c.ScyllaKeyspace, Env.ScyllaKeyspace, s => s, null, s => s),
                Table = r.Get<string, string?>(c.ScyllaTable, Env.ScyllaTable, s => s, null, s => s),
                PoolSize = r.Get<int, int?>(c.ScyllaPoolSize, Env.ScyllaPoolSize, s => AgentValueParser.Integer(s), null, v => v),
                MaxRequestsPerConnection = r.Get<int, int?>(c.ScyllaMaxRequestsPerConnection, Env.ScyllaMaxRequestsPerConnection, s => AgentValueParser.Integer(s), null, v => v),
                Tls = r.Get(c.ScyllaTls, Env.ScyllaTls, AgentValueParser.Boolean, false, v => v),
                TlsCaFile = r.Get<string, string?>(c.ScyllaTlsCaFile, Env.ScyllaTlsCaFile, s => s, null, s => s),
                TlsServerName = r.Get<string, string?>(c.ScyllaTlsServerName, Env.ScyllaTlsServerName, s => s, null, s => s),
                TlsSkipHostnameValidation = r.Get(c.ScyllaTlsSkipHostnameValidation, Env.ScyllaTlsSkipHostnameValidation, AgentValueParser.Boolean, false, v => v),
            },
        };
        Validate(settings);
        return settings;
    }

    private static void Validate(AgentSettings settings)
    {
        if (settings.Prompts.Count == 0 && !settings.Interactive)
        {
            throw new AgentUsageException("Nothing to ask: give a prompt (--prompt \"...\" or as an argument) or use --interactive.");
        }

        if (settings.Provider.Value == ChatProvider.OpenAI && settings.Model.Value.Length == 0)
        {
            throw new AgentUsageException($"--provider openai needs a model: pass --model or set {Env.OpenAIModel}.");
        }

        Check(settings.MaxTokens.Value > 0, "--max-tokens", "must be at least 1", settings.MaxTokens);
        Check(settings.SimilarityThreshold.Value is > 0 and <= 1, "--similarity-threshold", "must be greater than 0 and at most 1", settings.SimilarityThreshold);
        Check(settings.L1MaxEntries.Value >= 0, "--l1-max-entries", "must be 0 or more", settings.L1MaxEntries);
        Check(settings.History.Value >= 1, "--history", "must be at least 1", settings.History);
        Check(settings.Postgres.Port.Value is > 0 and <= 65535, "--postgres-port", "must be a TCP port (1 to 65535)", settings.Postgres.Port);
        Check(settings.Scylla.Port.Value is > 0 and <= 65535, "--scylla-port", "must be a TCP port (1 to 65535)", settings.Scylla.Port);
        Check(settings.Scylla.PoolSize.Value is null or > 0, "--scylla-pool-size", "must be at least 1", settings.Scylla.PoolSize);
        Check(settings.Scylla.MaxRequestsPerConnection.Value is null or > 0, "--scylla-max-requests-per-connection", "must be at least 1", settings.Scylla.MaxRequestsPerConnection);
        Check(settings.Scylla.ContactPoints.Value.Count > 0, "--scylla-contact-points", "must name at least one host", settings.Scylla.ContactPoints);

        var functions = AgentDefaults.SimilarityFunctionsFor(settings.Cache);
        if (settings.Cache.Value != CacheBackend.None && !functions.Contains(settings.SimilarityFunction.Value))
        {
            throw new AgentUsageException(
                $"Similarity function '{settings.SimilarityFunction.Value}' ({Describe(settings.SimilarityFunction.Source, "--similarity-function", Env.SimilarityFunction)}) "
                + $"is not available with the {settings.Cache.Value.ToString().ToLowerInvariant()} cache; use one of: {string.Join(", ", functions)}.");
        }
    }

    private static void Check<T>(bool valid, string option, string rule, Setting<T> setting)
    {
        if (!valid)
        {
            throw new AgentUsageException($"{option} {rule}; it is {setting.Value} ({Describe(setting.Source, option, null)}).");
        }
    }

    private static string Describe(SettingSource source, string option, string? environmentVariable) => source switch
    {
        SettingSource.CommandLine => $"from {option}",
        SettingSource.Environment => environmentVariable is null ? "from the environment" : $"from {environmentVariable}",
        _ => "the default",
    };

    /// <summary>Resolves one setting.</summary>
    /// <typeparam name="TOption">The option's parsed type.</typeparam>
    /// <typeparam name="TValue">The setting's type.</typeparam>
    private Setting<TValue> Get<TOption, TValue>(
        Option<TOption> option, string environmentVariable, Func<string, TValue> parseEnvironment, TValue defaultValue, Func<TOption, TValue> convert)
    {
        if (_parseResult.GetResult(option) is { Implicit: false })
        {
            try
            {
                return new(convert(_parseResult.GetValue(option)!), SettingSource.CommandLine);
            }
            catch (FormatException e)
            {
                throw new AgentUsageException($"{option.Name}: {e.Message}", e);
            }
        }

        if (_environment(environmentVariable) is { Length: > 0 } raw)
        {
            try
            {
                return new(parseEnvironment(raw), SettingSource.Environment);
            }
            catch (FormatException e)
            {
                throw new AgentUsageException($"{environmentVariable}: {e.Message}", e);
            }
        }

        return new(defaultValue, SettingSource.Default);
    }
}
