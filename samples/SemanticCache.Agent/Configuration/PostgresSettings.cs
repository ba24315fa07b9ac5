namespace SemanticCache.Agent;

/// <summary>How the agent reaches PostgreSQL for <c>--with-cache pgvector</c>.</summary>
internal sealed record PostgresSettings
{
    /// <summary>Gets a full connection string; the separate parts below override the values it holds.</summary>
    public required Setting<string?> ConnectionString { get; init; }

    public required Setting<string> Host { get; init; }

    public required Setting<int> Port { get; init; }

    public required Setting<string> User { get; init; }

    public required Setting<string?> Password { get; init; }

    public required Setting<string> Database { get; init; }

    /// <summary>Gets the schema of the cache table, or <see langword="null"/> for the store's default.</summary>
    public required Setting<string?> Schema { get; init; }

    /// <summary>Gets the cache table, or <see langword="null"/> for the store's default.</summary>
    public required Setting<string?> Table { get; init; }
}
