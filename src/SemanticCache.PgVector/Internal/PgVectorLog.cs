using Microsoft.Extensions.Logging;

namespace SemanticCache.PgVector;

/// <summary>The store's log messages, with stable event ids (1xxx is this package). No prompt, response or vector is ever logged.</summary>
internal static partial class PgVectorLog
{
    [LoggerMessage(EventId = 1001, EventName = "ExtensionCreated", Level = LogLevel.Information,
        Message = "Created the pgvector extension (CREATE EXTENSION vector) in database {Database}.")]
    public static partial void ExtensionCreated(this ILogger logger, string database);

    [LoggerMessage(EventId = 1002, EventName = "OldPgVector", Level = LogLevel.Warning,
        Message = "The server's pgvector is {Version}; versions before 0.8.4 have HNSW vacuum bugs that a delete-heavy cache can hit. Upgrade pgvector and run ALTER EXTENSION vector UPDATE.")]
    public static partial void OldPgVector(this ILogger logger, string version);

    [LoggerMessage(EventId = 1003, EventName = "TableCreated", Level = LogLevel.Information,
        Message = "Created the semantic cache table {Table} with vector({Dimensions}) and an HNSW index for {Function}.")]
    public static partial void TableCreated(this ILogger logger, string table, int dimensions, PgVectorSimilarityFunction function);

    [LoggerMessage(EventId = 1004, EventName = "UnusedHnswIndex", Level = LogLevel.Warning,
        Message = "The table {Table} has the HNSW index {Index} ({OperatorClass}) that this store's similarity function does not use; every write still maintains it. Drop it if no other store needs it.")]
    public static partial void UnusedHnswIndex(this ILogger logger, string table, string index, string operatorClass);

    [LoggerMessage(EventId = 1005, EventName = "ExpiredEntriesSwept", Level = LogLevel.Debug,
        Message = "Removed {Count} expired entries from {Table}.")]
    public static partial void ExpiredEntriesSwept(this ILogger logger, long count, string table);

    [LoggerMessage(EventId = 1006, EventName = "SweepFailed", Level = LogLevel.Warning,
        Message = "Removing expired entries from {Table} failed; the sweeper tries again at its next interval.")]
    public static partial void SweepFailed(this ILogger logger, Exception exception, string table);
}
