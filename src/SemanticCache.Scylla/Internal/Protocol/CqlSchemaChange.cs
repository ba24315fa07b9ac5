namespace SemanticCache.Scylla;

/// <summary>A decoded Schema_change result or SCHEMA_CHANGE event body (v4 §4.2.5.5, §4.2.6).</summary>
/// <param name="ChangeType">CREATED, UPDATED or DROPPED.</param>
/// <param name="Target">KEYSPACE, TABLE, TYPE, FUNCTION or AGGREGATE.</param>
/// <param name="Keyspace">The keyspace.</param>
/// <param name="Name">The table, type, function or aggregate name; empty for a keyspace.</param>
/// <param name="ArgumentTypes">The argument types of a function or aggregate; empty otherwise.</param>
internal sealed record CqlSchemaChange(string ChangeType, string Target, string Keyspace, string Name, IReadOnlyList<string> ArgumentTypes);
