namespace SemanticCache.Agent.Tests;

public sealed class AgentSettingsResolverTests
{
    private static AgentSettings Resolve(string[] args, Dictionary<string, string>? environment = null)
    {
        var commandLine = new AgentCommandLine();
        var parseResult = commandLine.Parse(args);
        Assert.Empty(parseResult.Errors);
        var variables = environment ?? [];
        return AgentSettingsResolver.Resolve(commandLine, parseResult, name => variables.GetValueOrDefault(name));
    }

    [Fact]
    public void Resolve_NothingGiven_UsesDefaults()
    {
        var settings = Resolve(["-p", "hello"]);

        Assert.Equal(new Setting<CacheBackend>(CacheBackend.Memory, SettingSource.Default), settings.Cache);
        Assert.Equal(new Setting<ChatProvider>(ChatProvider.Anthropic, SettingSource.Default), settings.Provider);
        Assert.Equal(new Setting<string>("claude-sonnet-5-5", SettingSource.Default), settings.Model);
        Assert.Equal(new Setting<double>(0.95, SettingSource.Default), settings.SimilarityThreshold);
        Assert.Equal(new Setting<TimeSpan?>(TimeSpan.FromHours(1), SettingSource.Default), settings.TimeToLive);
        Assert.Equal(new Setting<int>(20, SettingSource.Default), settings.History);
        Assert.Equal(new Setting<int>(1024, SettingSource.Default), settings.MaxTokens);
        Assert.Equal(new Setting<string>("all-MiniLM-L6-v2", SettingSource.Default), settings.EmbeddingModel);
        Assert.Equal(new Setting<string>("cosine", SettingSource.Default), settings.SimilarityFunction);
        Assert.Equal(new Setting<bool>(false, SettingSource.Default), settings.Stream);
        Assert.Equal(new Setting<string?>(null, SettingSource.Default), settings.ApiKey);
        Assert.Equal(new Setting<Uri?>(null, SettingSource.Default), settings.Endpoint);
        Assert.Equal(new Setting<int>(5432, SettingSource.Default), settings.Postgres.Port);
        Assert.Equal(["127.0.0.1"], settings.Scylla.ContactPoints.Value);
        Assert.Equal(new Setting<int?>(null, SettingSource.Default), settings.Scylla.PoolSize);
    }

    [Fact]
    public void Resolve_EnvironmentOnly_UsesEnvironment()
    {
        var settings = Resolve(["-p", "hello"], new()
        {
            ["AGENT_WITH_CACHE"] = "pgvector",
            ["ANTHROPIC_MODEL"] = "claude-from-env",
            ["ANTHROPIC_API_KEY"] = "key-from-env",
            ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9/",
            ["SIMILARITY_THRESHOLD"] = "0.8",
            ["SIMILARITY_FUNCTION"] = "l2",
            ["CACHE_TTL"] = "30m",
            ["AGENT_STREAM"] = "true",
            ["AGENT_HISTORY"] = "6",
            ["POSTGRES_PORT"] = "6543",
            ["SCYLLA_CONTACT_POINTS"] = "a.example, b.example",
            ["SCYLLA_POOL_SIZE"] = "3",
        });

        Assert.Equal(new Setting<CacheBackend>(CacheBackend.PgVector, SettingSource.Environment), settings.Cache);
        Assert.Equal(new Setting<string>("claude-from-env", SettingSource.Environment), settings.Model);
        Assert.Equal(new Setting<string?>("key-from-env", SettingSource.Environment), settings.ApiKey);
        Assert.Equal(new Setting<Uri?>(new Uri("http://127.0.0.1:9/"), SettingSource.Environment), settings.Endpoint);
        Assert.Equal(new Setting<double>(0.8, SettingSource.Environment), settings.SimilarityThreshold);
        Assert.Equal(new Setting<string>("l2", SettingSource.Environment), settings.SimilarityFunction);
        Assert.Equal(new Setting<TimeSpan?>(TimeSpan.FromMinutes(30), SettingSource.Environment), settings.TimeToLive);
        Assert.Equal(new Setting<bool>(true, SettingSource.Environment), settings.Stream);
        Assert.Equal(new Setting<int>(6, SettingSource.Environment), settings.History);
        Assert.Equal(new Setting<int>(6543, SettingSource.Environment), settings.Postgres.Port);
        Assert.Equal(["a.example", "b.example"], settings.Scylla.ContactPoints.Value);
        Assert.Equal(new Setting<int?>(3, SettingSource.Environment), settings.Scylla.PoolSize);
    }

    [Fact]
    public void Resolve_CommandLineAndEnvironment_CommandLineWins()
    {
        var settings = Resolve(
            [
                "-p", "hello", "--with-cache", "none", "--model", "claude-from-cli", "--anthropic-api-key", "key-from-cli",
                "--endpoint", "http://127.0.0.1:10/", "--similarity-threshold", "0.7", "--ttl", "120", "--stream", "false",
                "--history", "4", "--postgres-port", "7000", "--scylla-contact-points", "c.example", "--scylla-pool-size", "5",
            ],
            new()
            {
                ["AGENT_WITH_CACHE"] = "pgvector",
                ["ANTHROPIC_MODEL"] = "claude-from-env",
                ["ANTHROPIC_API_KEY"] = "key-from-env",
                ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9/",
                ["SIMILARITY_THRESHOLD"] = "0.8",
                ["CACHE_TTL"] = "30m",
                ["AGENT_STREAM"] = "true",
                ["AGENT_HISTORY"] = "6",
                ["POSTGRES_PORT"] = "6543",
                ["SCYLLA_CONTACT_POINTS"] = "a.example",
                ["SCYLLA_POOL_SIZE"] = "3",
            });

        Assert.Equal(new Setting<CacheBackend>(CacheBackend.None, SettingSource.CommandLine), settings.Cache);
        Assert.Equal(new Setting<string>("claude-from-cli", SettingSource.CommandLine), settings.Model);
        Assert.Equal(new Setting<string?>("key-from-cli", SettingSource.CommandLine), settings.ApiKey);
        Assert.Equal(new Setting<Uri?>(new Uri("http://127.0.0.1:10/"), SettingSource.CommandLine), settings.Endpoint);
        Assert.Equal(new Setting<double>(0.7, SettingSource.CommandLine), settings.SimilarityThreshold);
        Assert.Equal(new Setting<TimeSpan?>(TimeSpan.FromSeconds(120), SettingSource.CommandLine), settings.TimeToLive);
        Assert.Equal(new Setting<bool>(false, SettingSource.CommandLine), settings.Stream);
        Assert.Equal(new Setting<int>(4, SettingSource.CommandLine), settings.History);
        Assert.Equal(new Setting<int>(7000, SettingSource.CommandLine), settings.Postgres.Port);
        Assert.Equal(["c.example"], settings.Scylla.ContactPoints.Value);
        Assert.Equal(new Setting<int?>(5, SettingSource.CommandLine), settings.Scylla.PoolSize);
    }

    [Fact]
    public void Resolve_EmptyEnvironmentVariable_CountsAsUnset()
    {
        var settings = Resolve(["-p", "hello"], new() { ["ANTHROPIC_MODEL"] = string.Empty });

        Assert.Equal(new Setting<string>("claude-sonnet-5-5", SettingSource.Default), settings.Model);
    }

    [Fact]
    public void Resolve_OpenAIProvider_ReadsOpenAIVariables()
    {
        var settings = Resolve(["-p", "hello", "--provider", "openai"], new()
        {
            ["ANTHROPIC_MODEL"] = "claude-from-env",
            ["ANTHROPIC_API_KEY"] = "anthropic-key",
            ["OPENAI_MODEL"] = "local-model",
            ["OPENAI_API_KEY"] = "openai-key",
            ["OPENAI_BASE_URL"] = "http://127.0.0.1:11434/v1",
        });

        Assert.Equal(ChatProvider.OpenAI, settings.Provider.Value);
        Assert.Equal("local-model", settings.Model.Value);
        Assert.Equal("openai-key", settings.ApiKey.Value);
        Assert.Equal(new Uri("http://127.0.0.1:11434/v1"), settings.Endpoint.Value);
    }

    [Fact]
    public void Resolve_OpenAIProviderWithoutModel_IsAUsageError()
    {
        var e = Assert.Throws<AgentUsageException>(() => Resolve(["-p", "hello", "--provider", "openai"]));

        Assert.Contains("OPENAI_MODEL", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SIMILARITY_THRESHOLD", "high")]
    [InlineData("AGENT_HISTORY", "many")]
    [InlineData("AGENT_STREAM", "maybe")]
    [InlineData("CACHE_TTL", "5 weeks")]
    [InlineData("AGENT_WITH_CACHE", "redis")]
    [InlineData("ANTHROPIC_BASE_URL", "not a url")]
    public void Resolve_MalformedEnvironmentVariable_NamesTheVariable(string variable, string value)
    {
        var e = Assert.Throws<AgentUsageException>(() => Resolve(["-p", "hello"], new() { [variable] = value }));

        Assert.StartsWith(variable + ":", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("memory", "l2")]
    [InlineData("pgvector", "dot_product")]
    [InlineData("scylla", "inner_product")]
    public void Resolve_SimilarityFunctionOfAnotherBackend_IsAUsageError(string cache, string function)
    {
        var e = Assert.Throws<AgentUsageException>(() => Resolve(["-p", "hello", "--with-cache", cache, "--similarity-function", function]));

        Assert.Contains($"'{function}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pgvector", "l1")]
    [InlineData("scylla", "euclidean")]
    [InlineData("none", "euclidean")]
    public void Resolve_SimilarityFunctionOfTheBackend_IsAccepted(string cache, string function)
    {
        Assert.Equal(function, Resolve(["-p", "hello", "--with-cache", cache, "--similarity-function", function]).SimilarityFunction.Value);
    }

    [Theory]
    [InlineData("--similarity-threshold", "0")]
    [InlineData("--similarity-threshold", "1.5")]
    [InlineData("--history", "0")]
    [InlineData("--max-tokens", "0")]
    [InlineData("--postgres-port", "70000")]
    [InlineData("--l1-max-entries", "-1")]
    public void Resolve_OutOfRangeValue_IsAUsageError(string option, string value)
    {
        var e = Assert.Throws<AgentUsageException>(() => Resolve(["-p", "hello", option, value]));

        Assert.StartsWith(option, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoPromptAndNotInteractive_IsAUsageError()
    {
        Assert.Throws<AgentUsageException>(() => Resolve([]));
    }

    [Fact]
    public void Resolve_PromptsFromOptionsAndArguments_KeepsOptionsFirst()
    {
        var settings = Resolve(["first positional", "-p", "option one", "second positional", "--prompt", "option two"]);

        Assert.Equal(["option one", "option two", "first positional", "second positional"], settings.Prompts);
    }

    [Fact]
    public void Resolve_InteractiveWithoutPrompt_IsAccepted()
    {
        var settings = Resolve(["--interactive"]);

        Assert.True(settings.Interactive);
        Assert.Empty(settings.Prompts);
    }

    [Fact]
    public void Secrets_IncludeKeyPasswordsAndThePasswordInsideTheConnectionString()
    {
        var settings = Resolve(
            ["-p", "hello", "--anthropic-api-key", "k-1", "--postgres-password", "pg-2", "--scylla-password", "sc-3",
             "--postgres-connection-string", "Host=db;Password=cs-4;Username=u"]);

        Assert.Equal(["k-1", "pg-2", "Host=db;Password=cs-4;Username=u", "cs-4", "sc-3"], settings.Secrets);
    }
}
