namespace SemanticCache.Scylla;

/// <summary>A decoded RESULT message with the frame's warnings.</summary>
internal sealed class CqlResult
{
    /// <summary>Gets the kind.</summary>
    public required CqlResultKind Kind { get; init; }

    /// <summary>Gets the rows of a Rows result.</summary>
    public CqlRowSet? Rows { get; init; }

    /// <summary>Gets the keyspace of a Set_keyspace result.</summary>
    public string? Keyspace { get; init; }

    /// <summary>Gets the prepared statement of a Prepared result.</summary>
    public CqlPreparedResult? Prepared { get; init; }

    /// <summary>Gets the change of a Schema_change result.</summary>
    public CqlSchemaChange? SchemaChange { get; init; }

    /// <summary>Gets the warnings the server attached to the frame.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets the tracing id when the request was traced.</summary>
    public Guid? TracingId { get; init; }
}
