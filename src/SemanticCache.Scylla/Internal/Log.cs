using Microsoft.Extensions.Logging;

namespace SemanticCache.Scylla;

/// <summary>The source-generated log messages of the package. Event ids are stable: 6100-6119 client, 6120-6139 store.</summary>
/// <remarks>Never logs prompts, responses, vectors or credentials; server messages are logged verbatim.</remarks>
internal static partial class Log
{
    [LoggerMessage(6100, LogLevel.Debug, "Connection {ConnectionId} to {Host} opened ({Authenticator}).")]
    public static partial void ConnectionOpened(this ILogger logger, int connectionId, string host, string authenticator);

    [LoggerMessage(6101, LogLevel.Debug, "Connection {ConnectionId} to {Host} closed: {Reason}")]
    public static partial void ConnectionClosed(this ILogger logger, int connectionId, string host, string reason);

    [LoggerMessage(6102, LogLevel.Warning, "Host {Host} is down; reconnecting every {ReconnectionDelay}.")]
    public static partial void HostDown(this ILogger logger, string host, TimeSpan reconnectionDelay, Exception? exception);

    [LoggerMessage(6103, LogLevel.Information, "Host {Host} is up again.")]
    public static partial void HostUp(this ILogger logger, string host);

    [LoggerMessage(6104, LogLevel.Debug, "Reconnecting to {Host} failed.")]
    public static partial void ReconnectFailed(this ILogger logger, string host, Exception exception);

    [LoggerMessage(6105, LogLevel.Warning, "Server {Host} warned: {ServerWarning}")]
    public static partial void ServerWarning(this ILogger logger, string host, string serverWarning);

    [LoggerMessage(6106, LogLevel.Debug, "A prepared statement was unknown on {Host}; it was prepared again and the request retried.")]
    public static partial void Reprepared(this ILogger logger, string host);

    [LoggerMessage(6107, LogLevel.Warning, "Connection {ConnectionId} to {Host} has {OrphanedRequests} timed-out requests without a response; replacing it.")]
    public static partial void TooManyOrphanedRequests(this ILogger logger, int connectionId, string host, int orphanedRequests);

    [LoggerMessage(6108, LogLevel.Debug, "Attempt {Attempt} on {Host} failed; retrying on the next host.")]
    public static partial void RequestRetried(this ILogger logger, int attempt, string host, Exception exception);

    [LoggerMessage(6109, LogLevel.Warning, "Connection {ConnectionId} to {Host} received a frame for unknown stream {StreamId} ({Opcode}); it was dropped.")]
    public static partial void UnexpectedFrame(this ILogger logger, int connectionId, string host, short streamId, string opcode);

    [LoggerMessage(6110, LogLevel.Warning, "Schema agreement was not reached within {Timeout}; continuing.")]
    public static partial void SchemaAgreementTimeout(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(6120, LogLevel.Information, "Schema {Keyspace}.{Table} is ready ({Dialect}, {SimilarityFunction}, {Dimensions} dimensions, server-side scope filtering {ServerSideFiltering}).")]
    public static partial void SchemaReady(this ILogger logger, string keyspace, string table, string dialect, string similarityFunction, int dimensions, bool serverSideFiltering);

    [LoggerMessage(6121, LogLevel.Information, "Detected the {Dialect} dialect from the server's SUPPORTED options.")]
    public static partial void DialectDetected(this ILogger logger, string dialect);

    [LoggerMessage(6122, LogLevel.Debug, "Vector index {Index} is not ready yet: {Reason}")]
    public static partial void IndexNotReady(this ILogger logger, string index, string reason);

    [LoggerMessage(6123, LogLevel.Information, "Vector index {Index} is ready.")]
    public static partial void IndexReady(this ILogger logger, string index);

    [LoggerMessage(6124, LogLevel.Warning, "The server rejected server-side scope filtering ({Reason}); filtering by scope on the client from now on.")]
    public static partial void ServerSideFilteringDisabled(this ILogger logger, string reason);

    [LoggerMessage(6125, LogLevel.Information, "The vector index with a filtering column was rejected ({Reason}); created the plain vector index instead.")]
    public static partial void FilteringIndexRejected(this ILogger logger, string reason);
}
