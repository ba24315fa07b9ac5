namespace SemanticCache.Agent;

/// <summary>The environment variables the agent reads when an option is not on the command line.</summary>
/// <remarks>The seed's names are kept where it had one (API key, PostgreSQL, ScyllaDB, similarity function).</remarks>
internal static class AgentEnvironmentVariables
{
    public const string WithCache = "AGENT_WITH_CACHE";
    public const string Provider = "AGENT_PROVIDER";
    public const string AnthropicModel = "ANTHROPIC_MODEL";
    public const string OpenAIModel = "OPENAI_MODEL";
    public const string AnthropicApiKey = "ANTHROPIC_API_KEY";
    public const string OpenAIApiKey = "OPENAI_API_KEY";
    public const string AnthropicEndpoint = "ANTHROPIC_BASE_URL";
    public const string OpenAIEndpoint = "OPENAI_BASE_URL";
    public const string MaxTokens = "AGENT_MAX_TOKENS";
    public const string EmbeddingModel = "EMBEDDING_MODEL";
    public const string SimilarityThreshold = "SIMILARITY_THRESHOLD";
    public const string SimilarityFunction = "SIMILARITY_FUNCTION";
    public const string TimeToLive = "CACHE_TTL";
    public const string L1MaxEntries = "AGENT_L1_MAX_ENTRIES";
    public const string MemorySnapshot = "AGENT_MEMORY_SNAPSHOT";
    public const string Stream = "AGENT_STREAM";
    public const string Interactive = "AGENT_INTERACTIVE";
    public const string History = "AGENT_HISTORY";
    public const string ShowConfig = "AGENT_SHOW_CONFIG";

    public const string PostgresConnectionString = "POSTGRES_CONNECTION_STRING";
    public const string PostgresHost = "POSTGRES_HOST";
    public const string PostgresPort = "POSTGRES_PORT";
    public const string PostgresUser = "POSTGRES_USER";
    public const string PostgresPassword = "POSTGRES_PASSWORD";
    public const string PostgresDatabase = "POSTGRES_DATABASE";
    public const string PostgresSchema = "POSTGRES_SCHEMA";
    public const string PostgresTable = "POSTGRES_TABLE";

    public const string ScyllaContactPoints = "SCYLLA_CONTACT_POINTS";
    public const string ScyllaPort = "SCYLLA_PORT";
    public const string ScyllaUser = "SCYLLA_USER";
    public const string ScyllaPassword = "SCYLLA_PASSWORD";
    public const string ScyllaKeyspace = "SCYLLA_KEYSPACE";
    public const string ScyllaTable = "SCYLLA_TABLE";
    public const string ScyllaPoolSize = "SCYLLA_POOL_SIZE";
    public const string ScyllaMaxRequestsPerConnection = "SCYLLA_MAX_REQUESTS_PER_CONNECTION";
    public const string ScyllaTls = "SCYLLA_TLS";
    public const string ScyllaTlsCaFile = "SCYLLA_TLS_CA_FILE";
    public const string ScyllaTlsServerName = "SCYLLA_TLS_SERVER_NAME";
    public const string ScyllaTlsSkipHostnameValidation = "SCYLLA_TLS_SKIP_HOSTNAME_VALIDATION";
}
