namespace SemanticCache.Scylla;

/// <summary>A decoded Prepared result (v4 §4.2.5.4).</summary>
internal sealed class CqlPreparedResult
{
    /// <summary>Gets the prepared statement id.</summary>
    public required byte[] Id { get; init; }

    /// <summary>Gets the bind marker indexes of the partition key columns, in partition key order.</summary>
    public required IReadOnlyList<int> PartitionKeyIndexes { get; init; }

    /// <summary>Gets the bind markers.</summary>
    public required IReadOnlyList<CqlColumn> Variables { get; init; }

    /// <summary>Gets the columns of the result set, empty when the statement returns none (or the server omitted them).</summary>
    public required IReadOnlyList<CqlColumn> ResultColumns { get; init; }

    /// <summary>Gets the types of the bind markers.</summary>
    public IReadOnlyList<CqlType> VariableTypes => [.. Variables.Select(v => v.Type)];
}
