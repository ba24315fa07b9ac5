namespace SemanticCache.Agent;

/// <summary>How the agent reaches ScyllaDB for <c>--with-cache scylla</c>.</summary>
internal sealed record ScyllaSettings
{
    public required Setting<IReadOnlyList<string>> ContactPoints { get; init; }

    public required Setting<int> Port { get; init; }

    public required Setting<string> User { get; init; }

    public required Setting<string?> Password { get; init; }

    /// <summary>Gets the keyspace, or <see langword="null"/> for the store's default.</summary>
    public required Setting<string?> Keyspace { get; init; }

    /// <summary>Gets the table, or <see langword="null"/> for the store's default.</summary>
    public required Setting<string?> Table { get; init; }

    /// <summary>Gets the connections per host, or <see langword="null"/> for the store's default.</summary>
    public required Setting<int?> PoolSize { get; init; }

    /// <summary>Gets the concurrent requests per connection, or <see langword="null"/> for the store's default.</summary>
    public required Setting<int?> MaxRequestsPerConnection { get; init; }

    public required Setting<bool> Tls { get; init; }

    /// <summary>Gets a PEM file of certificate authorities to trust instead of the system store.</summary>
    public required Setting<string?> TlsCaFile { get; init; }

    /// <summary>Gets the server name to validate (SNI), or <see langword="null"/> for the contact point's name.</summary>
    public required Setting<string?> TlsServerName { get; init; }

    public required Setting<bool> TlsSkipHostnameValidation { get; init; }
}
