namespace SemanticCache.Scylla;

/// <summary>One &lt;query_i&gt; of a BATCH message: a query string (kind 0) or a prepared id (kind 1) with its values.</summary>
internal sealed class CqlBatchStatement
{
    /// <summary>Gets the query string when the statement is not prepared.</summary>
    public string? Query { get; init; }

    /// <summary>Gets the prepared statement, or <see langword="null"/> for a query string.</summary>
    public CqlPreparedResult? Prepared { get; init; }

    /// <summary>Gets the values bound positionally.</summary>
    public IReadOnlyList<object?> Values { get; init; } = [];

    /// <summary>Gets the CQL types of <see cref="Values"/>.</summary>
    public IReadOnlyList<CqlType> ValueTypes { get; init; } = [];
}
