namespace SemanticCache.Scylla.Tests;

/// <summary>One &lt;query_i&gt; of a BATCH as the peer decoded it.</summary>
/// <param name="Kind">0 for a query string, 1 for a prepared id.</param>
/// <param name="Query">The query string for kind 0.</param>
/// <param name="PreparedId">The id for kind 1.</param>
/// <param name="Values">The bound values.</param>
internal sealed record PeerBatchStatement(int Kind, string? Query, byte[]? PreparedId, IReadOnlyList<PeerValue> Values);
