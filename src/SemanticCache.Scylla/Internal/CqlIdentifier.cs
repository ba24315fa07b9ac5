namespace SemanticCache.Scylla;

/// <summary>Validates the identifiers the store writes into CQL text (which cannot be bound as values).</summary>
internal static class CqlIdentifier
{
    /// <summary>Checks an unquoted identifier: a lower-case letter, then lower-case letters, digits or underscores.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="maxLength">The maximum length.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(string? identifier, int maxLength) =>
        !string.IsNullOrEmpty(identifier)
        && identifier.Length <= maxLength
        && char.IsAsciiLetterLower(identifier[0])
        && identifier.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
