namespace SemanticCache.Scylla;

/// <summary>Validates the identifiers the store writes into CQL text (which cannot be bound as values).</summary>
internal static class CqlIdentifier
{
    // The reserved keywords of Apache Cassandra (reserved_keywords.txt) and ScyllaDB (CQL appendix A): unquoted, they
    // are syntax errors as names, whatever their case.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by", "check", "columnfamily",
        "constraint", "create", "delete", "desc", "describe", "drop", "entries", "execute", "from", "full", "grant", "if",
        "in", "index", "infinity", "insert", "into", "is", "keyspace", "length", "limit", "materialized", "mbean", "mbeans",
        "modify", "nan", "norecursive", "not", "null", "of", "on", "or", "order", "primary", "rename", "replace", "revoke",
        "schema", "select", "set", "table", "to", "token", "truncate", "unlogged", "unset", "update", "use", "using", "view",
        "where", "with",
    };

    /// <summary>Checks an unquoted identifier: a lower-case letter, then lower-case letters, digits or underscores, and not a reserved keyword.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="maxLength">The maximum length.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(string? identifier, int maxLength) =>
        !string.IsNullOrEmpty(identifier)
        && identifier.Length <= maxLength
        && char.IsAsciiLetterLower(identifier[0])
        && identifier.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
        && !IsReserved(identifier);

    /// <summary>Determines whether a word is a reserved CQL keyword.</summary>
    /// <param name="word">The word.</param>
    /// <returns><see langword="true"/> when reserved.</returns>
    public static bool IsReserved(string word) => Reserved.Contains(word);
}
