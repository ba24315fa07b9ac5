namespace SemanticCache.Scylla;

/// <summary>A decoded Rows result (v4 §4.2.5.2): the columns, the rows and the paging state.</summary>
internal sealed class CqlRowSet
{
    /// <summary>Gets the columns; empty when the result was sent with No_metadata.</summary>
    public required IReadOnlyList<CqlColumn> Columns { get; init; }

    /// <summary>Gets the number of columns of every row.</summary>
    public required int ColumnCount { get; init; }

    /// <summary>Gets the rows, one value per column (see <see cref="CqlValueCodec"/> for the CLR types).</summary>
    public required IReadOnlyList<object?[]> Rows { get; init; }

    /// <summary>Gets the paging state to fetch the next page, or <see langword="null"/> on the last page.</summary>
    public byte[]? PagingState { get; init; }

    /// <summary>Gets a value indicating whether more pages follow (Has_more_pages).</summary>
    public bool HasMorePages => PagingState is not null;

    /// <summary>Gets the index of a column by name.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The index.</returns>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"The result has no column '{name}'.");
    }
}
