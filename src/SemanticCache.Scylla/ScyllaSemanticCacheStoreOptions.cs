using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SemanticCache.Scylla;

/// <summary>Options of <see cref="ScyllaSemanticCacheStore"/>: where the cluster is, how to connect, and the schema.</summary>
/// <remarks>
/// Validated by the same rules with and without dependency injection; the store copies the values when it is created,
/// so later changes have no effect on it.
/// </remarks>
public sealed class ScyllaSemanticCacheStoreOptions
{
    /// <summary>Gets or sets the hosts to connect to, as <c>host</c> or <c>host:port</c> (<c>[::1]:9042</c> for IPv6).</summary>
    /// <remarks>Requests go round-robin over exactly these hosts (a whitelist); other nodes of the cluster are not discovered.</remarks>
    /// <value>The default is <c>localhost</c>.</value>
    public IList<string> ContactPoints { get; set; } = ["localhost"];

    /// <summary>Gets or sets the port for contact points that do not name one.</summary>
    /// <value>The default is 9042 (ScyllaDB Cloud uses 9142 for TLS).</value>
    public int Port { get; set; } = 9042;

    /// <summary>Gets or sets the user name for <c>PasswordAuthenticator</c>, or <see langword="null"/> when the cluster does not authenticate.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Username { get; set; }

    /// <summary>Gets or sets the password for <see cref="Username"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Password { get; set; }

    /// <summary>Gets or sets the keyspace (lower-case letters, digits and underscores, starting with a letter; at most 48 characters; not a reserved CQL keyword).</summary>
    /// <value>The default is <c>semantic_cache</c>.</value>
    public string Keyspace { get; set; } = "semantic_cache";

    /// <summary>
    /// Gets or sets the table (lower-case letters, digits and underscores, starting with a letter; at most 32 characters;
    /// not a reserved CQL keyword such as <c>entries</c>).
    /// The store also creates <c>&lt;table&gt;_lookup</c> for tags and partitions.
    /// </summary>
    /// <value>The default is <c>cache_entries</c>.</value>
    public string Table { get; set; } = "cache_entries";

    /// <summary>Gets or sets the dimension of the vectors (the embedding model's output size), from 1 to 16,000.</summary>
    /// <value>
    /// The default is 0: <c>UseScylla</c> then takes it from the cache's embedding generator metadata; without dependency
    /// injection it must be set.
    /// </value>
    public int Dimensions { get; set; }

    /// <summary>Gets or sets the dialect, which decides the vector index DDL.</summary>
    /// <value>The default is <see cref="ScyllaDialect.Auto"/>.</value>
    public ScyllaDialect Dialect { get; set; } = ScyllaDialect.Auto;

    /// <summary>Gets or sets the similarity function of the vector index.</summary>
    /// <remarks>Index options cannot change after creation: to change the function, use another table.</remarks>
    /// <value>The default is <see cref="ScyllaSimilarityFunction.Cosine"/>.</value>
    public ScyllaSimilarityFunction SimilarityFunction { get; set; } = ScyllaSimilarityFunction.Cosine;

    /// <summary>Gets or sets a value indicating whether the store creates the keyspace, tables and indexes (idempotently) on first use.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CreateSchema { get; set; } = true;

    /// <summary>
    /// Gets or sets the replication class of the keyspace the store creates, or <see langword="null"/> for the dialect's
    /// default: <c>NetworkTopologyStrategy</c> on ScyllaDB (tablets need it), <c>SimpleStrategy</c> on Cassandra.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public ScyllaReplicationStrategy? ReplicationStrategy { get; set; }

    /// <summary>Gets or sets the replication factor (in every data center for <c>NetworkTopologyStrategy</c> unless <see cref="DataCenterReplicationFactors"/> is set).</summary>
    /// <value>The default is 1 (development); use 3 in production.</value>
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>Gets or sets replication factors per data center for <c>NetworkTopologyStrategy</c>, for example <c>AWS_US_EAST_1 = 3</c>.</summary>
    /// <value>The default is empty: <see cref="ReplicationFactor"/> in every data center.</value>
    public IDictionary<string, int> DataCenterReplicationFactors { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets a value indicating whether the created keyspace uses tablets (<c>AND tablets = {'enabled': true}</c>),
    /// or <see langword="null"/> to enable them on ScyllaDB, whose vector indexes require them, and omit the option on Cassandra.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public bool? EnableTablets { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether nearest-neighbour queries filter by scope on the server
    /// (<c>WHERE scope_hash = ?</c>), or <see langword="null"/> to use it where the server supports it: always on
    /// Cassandra (a SAI index on the scope), and on ScyllaDB 2026.1 or later (a filtering column in the vector index).
    /// ScyllaDB 2025.4 rejects filtering, so the store then filters on the client.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public bool? ServerSideFiltering { get; set; }

    /// <summary>
    /// Gets or sets how many candidates a nearest-neighbour query asks for per requested result when the client filters by
    /// scope: the ANN <c>LIMIT</c> is <c>min(1000, limit × SearchOversampling)</c>. With server-side filtering it is <c>min(1000, limit × 2)</c>.
    /// </summary>
    /// <value>The default is 10.</value>
    public int SearchOversampling { get; set; } = 10;

    /// <summary>
    /// Gets or sets how long a search waits for a new vector index to become ready before it fails with
    /// "Vector index not ready yet. Try again in a few seconds." (<see cref="ScyllaIndexNotReadyException"/>).
    /// </summary>
    /// <value>The default is 5 seconds; ScyllaDB Cloud clusters may need 10 to 15 seconds.</value>
    public TimeSpan IndexReadyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the consistency of exact lookups, counts and scans.</summary>
    /// <value>The default is <see cref="ScyllaConsistency.LocalQuorum"/>, so that the cache reads its own writes.</value>
    public ScyllaConsistency ReadConsistency { get; set; } = ScyllaConsistency.LocalQuorum;

    /// <summary>Gets or sets the consistency of writes and deletes.</summary>
    /// <value>The default is <see cref="ScyllaConsistency.LocalQuorum"/>.</value>
    public ScyllaConsistency WriteConsistency { get; set; } = ScyllaConsistency.LocalQuorum;

    /// <summary>Gets or sets the consistency of nearest-neighbour queries (Cassandra SAI rejects levels above ONE/LOCAL_ONE on some versions).</summary>
    /// <value>The default is <see cref="ScyllaConsistency.LocalOne"/>.</value>
    public ScyllaConsistency SearchConsistency { get; set; } = ScyllaConsistency.LocalOne;

    /// <summary>Gets or sets the page size of scans (count, clear, tag and partition invalidation).</summary>
    /// <value>The default is 1,000 rows.</value>
    public int PageSize { get; set; } = 1000;

    /// <summary>Gets or sets the number of connections opened to each host.</summary>
    /// <value>The default is 10.</value>
    public int ConnectionsPerHost { get; set; } = 10;

    /// <summary>Gets or sets the maximum number of requests in flight on one connection (each uses a stream id; at most 32,768).</summary>
    /// <value>The default is 1,024.</value>
    public int MaxRequestsPerConnection { get; set; } = 1024;

    /// <summary>
    /// Gets or sets a value indicating whether a request waits (up to <see cref="RequestTimeout"/>) when every connection
    /// is at <see cref="MaxRequestsPerConnection"/>; when <see langword="false"/> it fails at once with <see cref="ScyllaBusyException"/>.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool WaitWhenBusy { get; set; } = true;

    /// <summary>Gets or sets the time allowed to open a connection, including TLS and authentication.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the time allowed for one request; schema statements get at least 60 seconds.</summary>
    /// <value>The default is 12 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Gets or sets the constant delay between reconnection attempts to a host that is down.</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan ReconnectionDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how long the store waits after schema changes for every host to report the same schema version.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan SchemaAgreementTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets a value indicating whether connections use TLS.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool UseTls { get; set; }

    /// <summary>Gets or sets the server name for TLS (SNI and certificate validation), or <see langword="null"/> for each contact point's host.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? TlsServerName { get; set; }

    /// <summary>Gets or sets the path of a PEM or DER file with the certificate authority that signed the server certificates (for example the ScyllaDB Cloud cluster CA).</summary>
    /// <value>The default is <see langword="null"/>: the system trust store is used.</value>
    public string? TlsCaCertificatePath { get; set; }

    /// <summary>Gets or sets certificate authorities that signed the server certificates, in addition to <see cref="TlsCaCertificatePath"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public X509Certificate2Collection? TlsCaCertificates { get; set; }

    /// <summary>Gets or sets the client certificate (with its private key) for mutual TLS, or <see langword="null"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public X509Certificate2? TlsClientCertificate { get; set; }

    /// <summary>Gets or sets a value indicating whether the server certificate must match the host name (or <see cref="TlsServerName"/>).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool TlsValidateHostName { get; set; } = true;

    /// <summary>Gets or sets a callback that replaces the built-in server certificate validation, or <see langword="null"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public RemoteCertificateValidationCallback? TlsCertificateValidation { get; set; }
}
