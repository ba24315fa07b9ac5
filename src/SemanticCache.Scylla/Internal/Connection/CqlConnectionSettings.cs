using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SemanticCache.Scylla;

/// <summary>The settings of the CQL client, derived from <see cref="ScyllaSemanticCacheStoreOptions"/>.</summary>
internal sealed class CqlConnectionSettings
{
    /// <summary>Gets the hosts as (host, port) pairs.</summary>
    public required IReadOnlyList<(string Host, int Port)> ContactPoints { get; init; }

    /// <summary>Gets the user name for PasswordAuthenticator, or <see langword="null"/>.</summary>
    public string? Username { get; init; }

    /// <summary>Gets the password.</summary>
    public string? Password { get; init; }

    /// <summary>Gets the number of connections per host.</summary>
    public int ConnectionsPerHost { get; init; } = 10;

    /// <summary>Gets the maximum number of in-flight requests per connection (at most 32,768 stream ids).</summary>
    public int MaxRequestsPerConnection { get; init; } = 1024;

    /// <summary>Gets a value indicating whether callers wait for a free stream when every connection is busy.</summary>
    public bool WaitWhenBusy { get; init; } = true;

    /// <summary>Gets the time allowed to open a connection (TCP, TLS and handshake).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the time allowed for one request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>Gets the constant delay between reconnection attempts to a host that is down.</summary>
    public TimeSpan ReconnectionDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the number of timed-out requests whose responses are still outstanding after which a connection is replaced.</summary>
    public int MaxOrphanedRequestsPerConnection { get; init; } = 256;

    /// <summary>Gets a value indicating whether to use TLS.</summary>
    public bool UseTls { get; init; }

    /// <summary>Gets the server name used for SNI and certificate validation, or <see langword="null"/> for the contact point's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Gets extra trusted root certificates (for example the ScyllaDB Cloud cluster CA).</summary>
    public X509Certificate2Collection? TlsCaCertificates { get; init; }

    /// <summary>Gets the client certificates for mutual TLS.</summary>
    public X509Certificate2Collection? TlsClientCertificates { get; init; }

    /// <summary>Gets a value indicating whether the server certificate must match the host name.</summary>
    public bool TlsValidateHostName { get; init; } = true;

    /// <summary>Gets a callback that replaces the default server certificate validation, or <see langword="null"/>.</summary>
    public RemoteCertificateValidationCallback? TlsCertificateValidation { get; init; }

    /// <summary>Gets the number of attempts for idempotent requests that fail because a connection was lost or the node was overloaded.</summary>
    public int MaxAttempts { get; init; } = 3;
}
