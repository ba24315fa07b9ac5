using System.CommandLine;
using System.Globalization;
using SemanticCache.Samples.Cli;
using Env = SemanticCache.Agent.AgentEnvironmentVariables;

namespace SemanticCache.Agent;

/// <summary>
/// The agent's command line. No option has a parser default: an option that is absent stays absent, so
/// <see cref="AgentSettingsResolver"/> can fall back to the environment variable and then to the default.
/// </summary>
internal sealed class AgentCommandLine
{
    public AgentCommandLine()
    {
        Root = new RootCommand(
            "Asks Claude (or an OpenAI-compatible server) through a semantic cache: a prompt that means the same as an earlier one "
            + "is answered from the cache. " + HelpText.Precedence);
        foreach (var option in AllOptions())
        {
            Root.Options.Add(option);
        }

        Root.Arguments.Add(PromptArguments);
    }

    public RootCommand Root { get; }

    public Argument<string[]> PromptArguments { get; } = new("prompt")
    {
        Description = "Prompts to send, answered one after another, each on its own (after those given with --prompt).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string[]> Prompt { get; } = new("--prompt", "-p")
    {
        Description = "A prompt to send; repeat the option for several prompts.",
        HelpName = "text",
    };

    public Option<string> WithCache { get; } = Choice(
        "--with-cache", "Where the semantic cache lives: none (no embedding model, no database), memory, pgvector or scylla.",
        Env.WithCache, "memory", "none", "memory", "pgvector", "scylla");

    public Option<string> Provider { get; } = Choice(
        "--provider", "The model server: anthropic (Claude, through the Anthropic package) or openai (any OpenAI-compatible server; see --endpoint).",
        Env.Provider, "anthropic", "anthropic", "openai");

    public Option<string> Model { get; } = Text(
        "--model", "The model id.", $"{Env.AnthropicModel} or, with --provider openai, {Env.OpenAIModel}",
        $"{AgentDefaults.AnthropicModel} (required with --provider openai)", "-m");

    public Option<string> AnthropicApiKey { get; } = Text(
        "--anthropic-api-key", "The Anthropic API key (required with --provider anthropic; never printed).", Env.AnthropicApiKey, "none");

    public Option<string> OpenAIApiKey { get; } = Text(
        "--openai-api-key", "The API key of the OpenAI-compatible server (required without --endpoint; never printed).", Env.OpenAIApiKey, "none");

    public Option<string> Endpoint { get; } = Text(
        "--endpoint", "The model server's base address, e.g. a local OpenAI-compatible server's http://127.0.0.1:11434/v1.",
        $"{Env.AnthropicEndpoint} or, with --provider openai, {Env.OpenAIEndpoint}", "the provider's own");

    public Option<int> MaxTokens { get; } = Typed<int>(
        "--max-tokens", "The most tokens an answer may have.", Env.MaxTokens, AgentDefaults.MaxTokens.ToString(CultureInfo.InvariantCulture));

    public Option<string> EmbeddingModel { get; } = Text(
        "--embedding-model", "The embedding model: a folder holding model.onnx and vocab.txt, or the known name all-MiniLM-L6-v2.",
        Env.EmbeddingModel, AgentDefaults.EmbeddingModel);

    public Option<double> SimilarityThreshold { get; } = Typed<double>(
        "--similarity-threshold", "The least similarity (0 to 1) for a cached answer to be served.", Env.SimilarityThreshold,
        AgentDefaults.SimilarityThreshold.ToString(CultureInfo.InvariantCulture));

    public Option<string> SimilarityFunction { get; } = Choice(
        "--similarity-function", "How the store compares vectors: cosine, l2, inner_product, l1 (pgvector); cosine, dot_product, euclidean (scylla); cosine (memory).",
        Env.SimilarityFunction, AgentDefaults.SimilarityFunction, "cosine", "l2", "inner_product", "l1", "dot_product", "euclidean");

    public Option<string> Ttl { get; } = Text(
        "--ttl", "How long a cached answer lives: seconds, or a number with s, m, h or d; 0 for no expiry.", Env.TimeToLive, "1h");

    public Option<int> L1MaxEntries { get; } = Typed<int>(
        "--l1-max-entries", "Entries of the in-process exact-match tier in front of the store; 0 turns it off.", Env.L1MaxEntries,
        AgentDefaults.L1MaxEntries.ToString(CultureInfo.InvariantCulture));

    public Option<string> MemorySnapshot { get; } = Text(
        "--memory-snapshot", "A file that keeps the memory cache between runs (loaded at start, saved at exit).", Env.MemorySnapshot, "none");

    public Option<bool> Stream { get; } = Typed<bool>(
        "--stream", "Print the answer as it arrives (cached answers are replayed as a stream too).", Env.Stream, "false");

    public Option<bool> Interactive { get; } = Typed<bool>(
        "--interactive", "Chat in a loop; /new starts a new conversation, /stats shows the cache's numbers, /exit leaves.", Env.Interactive, "false", "-i");

    public Option<int> History { get; } = Typed<int>(
        "--history", "How many earlier messages the interactive mode sends with each prompt (a sliding window).", Env.History,
        AgentDefaults.History.ToString(CultureInfo.InvariantCulture));

    public Option<bool> ShowConfig { get; } = Typed<bool>(
        "--show-config", "Print every setting and where its value came from (secrets show only whether they are set).", Env.ShowConfig, "false");

    public Option<string> PostgresConnectionString { get; } = Text(
        "--postgres-connection-string", "A full PostgreSQL connection string; the --postgres-* parts given override its values (never printed).",
        Env.PostgresConnectionString, "built from the parts");

    public Option<string> PostgresHost { get; } = Text("--postgres-host", "The PostgreSQL host.", Env.PostgresHost, AgentDefaults.PostgresHost);

    public Option<int> PostgresPort { get; } = Typed<int>(
        "--postgres-port", "The PostgreSQL port.", Env.PostgresPort, AgentDefaults.PostgresPort.ToString(CultureInfo.InvariantCulture));

    public Option<string> PostgresUser { get; } = Text("--postgres-user", "The PostgreSQL user.", Env.PostgresUser, AgentDefaults.PostgresUser);

    public Option<string> PostgresPassword { get; } = Text("--postgres-password", "The PostgreSQL password (never printed).", Env.PostgresPassword, "empty");

    public Option<string> PostgresDatabase { get; } = Text("--postgres-database", "The PostgreSQL database.", Env.PostgresDatabase, AgentDefaults.PostgresDatabase);

    public Option<string> PostgresSchema { get; } = Text("--postgres-schema", "The schema of the cache table.", Env.PostgresSchema, "the store's");

    public Option<string> PostgresTable { get; } = Text("--postgres-table", "The cache table.", Env.PostgresTable, "the store's");

    public Option<string> ScyllaContactPoints { get; } = Text(
        "--scylla-contact-points", "Comma-separated ScyllaDB hosts.", Env.ScyllaContactPoints, AgentDefaults.ScyllaContactPoints);

    public Option<int> ScyllaPort { get; } = Typed<int>(
        "--scylla-port", "The CQL port.", Env.ScyllaPort, AgentDefaults.ScyllaPort.ToString(CultureInfo.InvariantCulture));

    public Option<string> ScyllaUser { get; } = Text("--scylla-user", "The ScyllaDB user.", Env.ScyllaUser, AgentDefaults.ScyllaUser);

    public Option<string> ScyllaPassword { get; } = Text("--scylla-password", "The ScyllaDB password (never printed).", Env.ScyllaPassword, "empty");

    public Option<string> ScyllaKeyspace { get; } = Text("--scylla-keyspace", "The keyspace of the cache table.", Env.ScyllaKeyspace, "the store's");

    public Option<string> ScyllaTable { get; } = Text("--scylla-table", "The cache table.", Env.ScyllaTable, "the store's");

    public Option<int> ScyllaPoolSize { get; } = Typed<int>(
        "--scylla-pool-size", "Connections per host.", Env.ScyllaPoolSize, "the store's");

    public Option<int> ScyllaMaxRequestsPerConnection { get; } = Typed<int>(
        "--scylla-max-requests-per-connection", "Concurrent requests on one connection.", Env.ScyllaMaxRequestsPerConnection, "the store's");

    public Option<bool> ScyllaTls { get; } = Typed<bool>("--scylla-tls", "Connect with TLS (ScyllaDB Cloud needs it).", Env.ScyllaTls, "false");

    public Option<string> ScyllaTlsCaFile { get; } = Text(
        "--scylla-tls-ca-file", "A PEM file of certificate authorities to trust instead of the system's.", Env.ScyllaTlsCaFile, "the system's");

    public Option<string> ScyllaTlsServerName { get; } = Text(
        "--scylla-tls-server-name", "The server name to validate in the certificate.", Env.ScyllaTlsServerName, "the contact point");

    public Option<bool> ScyllaTlsSkipHostnameValidation { get; } = Typed<bool>(
        "--scylla-tls-skip-hostname-validation", "Accept a certificate issued for another name (the chain is still validated).",
        Env.ScyllaTlsSkipHostnameValidation, "false");

    /// <summary>Parses a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The parse result (check its errors).</returns>
    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    private IEnumerable<Option> AllOptions() =>
    [
        Prompt, WithCache, Provider, Model, AnthropicApiKey, OpenAIApiKey, Endpoint, MaxTokens, EmbeddingModel, SimilarityThreshold,
        SimilarityFunction, Ttl, L1MaxEntries, MemorySnapshot, Stream, Interactive, History, ShowConfig,
        PostgresConnectionString, PostgresHost, PostgresPort, PostgresUser, PostgresPassword, PostgresDatabase, PostgresSchema, PostgresTable,
        ScyllaContactPoints, ScyllaPort, ScyllaUser, ScyllaPassword, ScyllaKeyspace, ScyllaTable, ScyllaPoolSize, ScyllaMaxRequestsPerConnection,
        ScyllaTls, ScyllaTlsCaFile, ScyllaTlsServerName, ScyllaTlsSkipHostnameValidation,
    ];

    private static readonly Dictionary<string, string> HelpNames = new(StringComparer.Ordinal)
    {
        ["--model"] = "id",
        ["--anthropic-api-key"] = "key",
        ["--openai-api-key"] = "key",
        ["--endpoint"] = "url",
        ["--max-tokens"] = "count",
        ["--embedding-model"] = "folder|name",
        ["--similarity-threshold"] = "0..1",
        ["--ttl"] = "duration",
        ["--l1-max-entries"] = "count",
        ["--memory-snapshot"] = "file",
        ["--history"] = "messages",
        ["--postgres-connection-string"] = "string",
        ["--postgres-host"] = "host",
        ["--postgres-port"] = "port",
        ["--postgres-user"] = "user",
        ["--postgres-password"] = "password",
        ["--postgres-database"] = "name",
        ["--postgres-schema"] = "name",
        ["--postgres-table"] = "name",
        ["--scylla-contact-points"] = "hosts",
        ["--scylla-port"] = "port",
        ["--scylla-user"] = "user",
        ["--scylla-password"] = "password",
        ["--scylla-keyspace"] = "name",
        ["--scylla-table"] = "name",
        ["--scylla-pool-size"] = "count",
        ["--scylla-max-requests-per-connection"] = "count",
        ["--scylla-tls-ca-file"] = "file",
        ["--scylla-tls-server-name"] = "name",
    };

    private static string Describe(string description, string environmentVariable, string defaultText) =>
        HelpText.Describe(description, environmentVariable, defaultText);

    private static Option<string> Text(string name, string description, string environmentVariable, string defaultText, params string[] aliases) =>
        new(name, aliases) { Description = Describe(description, environmentVariable, defaultText), HelpName = HelpNames.GetValueOrDefault(name) };

    private static Option<T> Typed<T>(string name, string description, string environmentVariable, string defaultText, params string[] aliases) =>
        new(name, aliases) { Description = Describe(description, environmentVariable, defaultText), HelpName = HelpNames.GetValueOrDefault(name) };

    private static Option<string> Choice(string name, string description, string environmentVariable, string defaultText, params string[] values)
    {
        var option = Text(name, description, environmentVariable, defaultText);
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}
