namespace SemanticCache.Agent;

/// <summary>The agent's resolved configuration: each value from the command line, else its environment variable, else its default.</summary>
internal sealed record AgentSettings
{
    /// <summary>Gets the prompts to answer one after another, each on its own (no shared conversation).</summary>
    public required IReadOnlyList<string> Prompts { get; init; }

    public required Setting<CacheBackend> Cache { get; init; }

    public required Setting<ChatProvider> Provider { get; init; }

    public required Setting<string> Model { get; init; }

    /// <summary>Gets the API key of the chosen provider (a secret: never printed).</summary>
    public required Setting<string?> ApiKey { get; init; }

    /// <summary>Gets the model server's base address, or <see langword="null"/> for the provider's own.</summary>
    public required Setting<Uri?> Endpoint { get; init; }

    public required Setting<int> MaxTokens { get; init; }

    /// <summary>Gets the embedding model: a folder holding <c>model.onnx</c> and <c>vocab.txt</c>, or a known model name.</summary>
    public required Setting<string> EmbeddingModel { get; init; }

    public required Setting<double> SimilarityThreshold { get; init; }

    public required Setting<string> SimilarityFunction { get; init; }

    /// <summary>Gets the lifetime of a cached answer, or <see langword="null"/> for no expiry.</summary>
    public required Setting<TimeSpan?> TimeToLive { get; init; }

    /// <summary>Gets the bound of the in-process exact-match tier; 0 turns it off.</summary>
    public required Setting<int> L1MaxEntries { get; init; }

    /// <summary>Gets the snapshot file that keeps the in-memory cache between runs, or <see langword="null"/>.</summary>
    public required Setting<string?> MemorySnapshot { get; init; }

    public required Setting<bool> Stream { get; init; }

    public required Setting<bool> Interactive { get; init; }

    /// <summary>Gets how many messages of the conversation the interactive mode sends with each prompt.</summary>
    public required Setting<int> History { get; init; }

    public required Setting<bool> ShowConfig { get; init; }

    public required PostgresSettings Postgres { get; init; }

    public required ScyllaSettings Scylla { get; init; }

    /// <summary>Gets the values that must never be printed (API key, passwords, a connection string).</summary>
    public IEnumerable<string> Secrets
    {
        get
        {
            foreach (var secret in new[] { ApiKey.Value, Postgres.Password.Value, Postgres.ConnectionString.Value, PasswordIn(Postgres.ConnectionString.Value), Scylla.Password.Value })
            {
                if (!string.IsNullOrEmpty(secret))
                {
                    yield return secret;
                }
            }
        }
    }

    private static string? PasswordIn(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return null;
        }

        try
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "Password", "Pwd" })
            {
                if (builder.TryGetValue(key, out var value) && value is string { Length: > 0 } password)
                {
                    return password;
                }
            }
        }
        catch (ArgumentException)
        {
            // Not a key=value string: the whole string is redacted anyway.
        }

        return null;
    }
}
