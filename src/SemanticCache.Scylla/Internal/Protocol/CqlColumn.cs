namespace SemanticCache.Scylla;

/// <summary>A column (or bind marker) specification of a result metadata (v4 §4.2.5.2).</summary>
/// <param name="Keyspace">The keyspace.</param>
/// <param name="Table">The table.</param>
/// <param name="Name">The column name, alias or bind marker name.</param>
/// <param name="Type">The type.</param>
internal sealed record CqlColumn(string Keyspace, string Table, string Name, CqlType Type);
