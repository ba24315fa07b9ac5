namespace SemanticCache.Scylla;

/// <summary>How one statement is executed.</summary>
internal readonly record struct CqlStatementOptions
{
    /// <summary>Initializes a new instance of the <see cref="CqlStatementOptions"/> struct.</summary>
    /// <param name="consistency">The consistency level.</param>
    public CqlStatementOptions(ScyllaConsistency consistency)
    {
        Consistency = consistency;
    }

    /// <summary>Gets the consistency level.</summary>
    public ScyllaConsistency Consistency { get; init; }

    /// <summary>Gets the serial consistency for conditional updates, or <see langword="null"/>.</summary>
    public ScyllaConsistency? SerialConsistency { get; init; }

    /// <summary>Gets the page size, or <see langword="null"/> to not page.</summary>
    public int? PageSize { get; init; }

    /// <summary>Gets the paging state of the previous page, or <see langword="null"/>.</summary>
    public byte[]? PagingState { get; init; }

    /// <summary>Gets a value indicating whether the statement may safely run twice (so it is retried on another host).</summary>
    public bool Idempotent { get; init; } = true;

    /// <summary>Gets the time allowed for the request, or <see langword="null"/> for the configured request timeout.</summary>
    public TimeSpan? Timeout { get; init; }
}
