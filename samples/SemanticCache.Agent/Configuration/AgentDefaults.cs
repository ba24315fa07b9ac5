namespace SemanticCache.Agent;

/// <summary>The values the agent uses when neither the command line nor the environment gives one.</summary>
internal static class AgentDefaults
{
    /// <summary>The wire id of the Anthropic SDK's <c>Model.ClaudeSonnet5_5</c>.</summary>
    public const string AnthropicModel = "claude-sonnet-5-5";

    public const CacheBackend Cache = CacheBackend.Memory;
    public const ChatProvider Provider = ChatProvider.Anthropic;
    public const int MaxTokens = 1024;

    /// <summary>The product's embedding model, resolved by SemanticCache.Onnx.</summary>
    public const string EmbeddingModel = "all-MiniLM-L6-v2";

    /// <summary>The seed's threshold: a hit needs a cosine similarity of at least 0.95.</summary>
    public const double SimilarityThreshold = 0.95;

    public const string SimilarityFunction = "cosine";

    /// <summary>The seed's one hour.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    public const int L1MaxEntries = 1000;
    public const int History = 20;

    public const string PostgresHost = "localhost";
    public const int PostgresPort = 5432;
    public const string PostgresUser = "postgres";
    public const string PostgresDatabase = "postgres";

    public const string ScyllaContactPoints = "127.0.0.1";
    public const int ScyllaPort = 9042;
    public const string ScyllaUser = "scylla";

    /// <summary>The similarity functions each backend accepts, the first being its default.</summary>
    public static IReadOnlyList<string> SimilarityFunctionsFor(CacheBackend backend) => backend switch
    {
        CacheBackend.PgVector => ["cosine", "l2", "inner_product", "l1"],
        CacheBackend.Scylla => ["cosine", "dot_product", "euclidean"],
        _ => ["cosine"],
    };
}
