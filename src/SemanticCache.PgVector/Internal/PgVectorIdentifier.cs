using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SemanticCache.PgVector;

/// <summary>Validates and quotes the SQL identifiers a store puts into its statements (they cannot be parameters).</summary>
internal static class PgVectorIdentifier
{
    /// <summary>PostgreSQL's identifier limit (NAMEDATALEN - 1 bytes); longer names would be truncated silently.</summary>
    public const int MaxLength = 63;

    /// <summary>
    /// Determines whether <paramref name="name"/> is a plain identifier: an ASCII letter or underscore, then ASCII
    /// letters, digits or underscores, at most <see cref="MaxLength"/> characters. Nothing else can reach the SQL text.
    /// </summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Quotes a validated identifier, so that it keeps its case and reserved words are allowed.</summary>
    public static string Quote(string name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a plain SQL identifier.", nameof(name));
        }

        return "\"" + name + "\"";
    }

    /// <summary>
    /// Names an object derived from a table (an index): <c>{table}_{suffix}</c>, or, when that is too long, a prefix of
    /// the table name plus a hash of the whole name, so that distinct tables never share a truncated index name.
    /// </summary>
    public static string Derived(string table, string suffix)
    {
        var name = table + "_" + suffix;
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var hash = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(table)))
            .ToString("x8", CultureInfo.InvariantCulture);
        var keep = MaxLength - suffix.Length - hash.Length - 2;
        return table[..keep] + "_" + hash + "_" + suffix;
    }
}
