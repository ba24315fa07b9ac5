namespace SemanticCache.Scylla;

/// <summary>Classifies the server errors of nearest-neighbour queries (all arrive as ERROR Invalid or a read failure).</summary>
internal static class IndexErrors
{
    // Texts from ScyllaDB's vector_search/error.hh and the Vector Store's HTTP routes, and Cassandra's SAI.
    private static readonly string[] NotReadyMarkers =
    [
        "Vector Store error: HTTP status",
        "missing index",
        "not available yet",
        "still being constructed",
        "is not yet available",
        "INDEX_NOT_AVAILABLE",
        "Vector Store service is unavailable",
        "Vector Store request was aborted",
        "could not be fetched from DNS",
        "requires the column to be indexed",
    ];

    /// <summary>Determines whether an error means the vector index exists but cannot answer yet (retry later).</summary>
    /// <param name="exception">The server error.</param>
    /// <returns><see langword="true"/> for a retryable "not ready" error.</returns>
    public static bool IsNotReady(ScyllaServerException exception) =>
        NotReadyMarkers.Any(marker => exception.ServerMessage.Contains(marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>Determines whether the cluster has no vector search at all (self-managed ScyllaDB without a Vector Store).</summary>
    /// <param name="exception">The server error.</param>
    /// <returns><see langword="true"/> when vector search is disabled on the cluster.</returns>
    public static bool IsVectorSearchDisabled(ScyllaServerException exception) =>
        exception.ServerMessage.Contains("Vector Store is disabled", StringComparison.OrdinalIgnoreCase);
}
