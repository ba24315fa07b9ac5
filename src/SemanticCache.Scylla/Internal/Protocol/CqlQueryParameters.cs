namespace SemanticCache.Scylla;

/// <summary>The &lt;query_parameters&gt; of a QUERY or EXECUTE message (v4 §4.1.4).</summary>
internal sealed class CqlQueryParameters
{
    /// <summary>Gets the consistency level.</summary>
    public ScyllaConsistency Consistency { get; init; } = ScyllaConsistency.LocalQuorum;

    /// <summary>Gets the values bound positionally, or <see langword="null"/> for none.</summary>
    public IReadOnlyList<object?>? Values { get; init; }

    /// <summary>Gets the CQL types of <see cref="Values"/> (from the prepared metadata, or inferred for a QUERY).</summary>
    public IReadOnlyList<CqlType>? ValueTypes { get; init; }

    /// <summary>Gets a value indicating whether the result should omit its column metadata.</summary>
    public bool SkipMetadata { get; init; }

    /// <summary>Gets the page size in rows, or <see langword="null"/> to not page.</summary>
    public int? PageSize { get; init; }

    /// <summary>Gets the paging state returned with the previous page, or <see langword="null"/>.</summary>
    public byte[]? PagingState { get; init; }

    /// <summary>Gets the serial consistency for conditional updates, or <see langword="null"/> for the server default (SERIAL).</summary>
    public ScyllaConsistency? SerialConsistency { get; init; }

    /// <summary>Gets the default timestamp in microseconds since the epoch, or <see langword="null"/> for the server's.</summary>
    public long? DefaultTimestamp { get; init; }
}
