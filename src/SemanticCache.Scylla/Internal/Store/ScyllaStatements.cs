using System.Globalization;
using System.Text;

namespace SemanticCache.Scylla;

/// <summary>
/// Every CQL statement the store issues, for one keyspace, table, dimension and dialect. Identifiers are validated
/// before they get here; every value is a bind marker.
/// </summary>
internal sealed class ScyllaStatements
{
    /// <summary>The columns of an entry, in the order every entry SELECT returns them.</summary>
    public const string EntryColumns =
        "key, scope_hash, partition, embedded_text, embedding, response, format_version, created_at, expires_at, tags, model_id";

    /// <summary>The lookup <c>kind</c> of partition rows.</summary>
    public const string PartitionKind = "partition";

    /// <summary>The lookup <c>kind</c> of tag rows.</summary>
    public const string TagKind = "tag";

    /// <summary>Initializes a new instance of the <see cref="ScyllaStatements"/> class.</summary>
    /// <param name="keyspace">The keyspace.</param>
    /// <param name="table">The table.</param>
    /// <param name="dimensions">The vector dimension.</param>
    public ScyllaStatements(string keyspace, string table, int dimensions)
    {
        Keyspace = keyspace;
        Table = table;
        Dimensions = dimensions;
        string entries = $"{keyspace}.{table}";
        string lookup = $"{keyspace}.{table}_lookup";
        EmbeddingIndexName = $"{table}_embedding_idx";
        ScopeIndexName = $"{table}_scope_idx";
        CreateEntriesTable = string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE IF NOT EXISTS {entries} (key text PRIMARY KEY, scope_hash text, partition text, embedded_text text, embedding vector<float, {dimensions}>, response blob, format_version int, created_at timestamp, expires_at timestamp, tags list<text>, model_id text)
            """);
        CreateLookupTable = $"CREATE TABLE IF NOT EXISTS {lookup} (kind text, name text, key text, PRIMARY KEY ((kind, name), key))";
        InsertEntry = $"INSERT INTO {entries} ({EntryColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";
        InsertLookup = $"INSERT INTO {lookup} (kind, name, key) VALUES (?, ?, ?) USING TTL ?";
        SelectEntry = $"SELECT {EntryColumns} FROM {entries} WHERE key = ?";
        SelectEntryHeader = $"SELECT partition, tags, expires_at FROM {entries} WHERE key = ?";
        DeleteEntry = $"DELETE FROM {entries} WHERE key = ?";
        DeleteLookup = $"DELETE FROM {lookup} WHERE kind = ? AND name = ? AND key = ?";
        SelectLookupKeys = $"SELECT key FROM {lookup} WHERE kind = ? AND name = ?";
        ScanEntryHeaders = $"SELECT key, partition, tags, expires_at FROM {entries}";
        ScanExpiries = $"SELECT expires_at FROM {entries}";
        Search = $"SELECT {EntryColumns} FROM {entries} ORDER BY embedding ANN OF ? LIMIT ?";
        SearchInScopeScylla = $"SELECT {EntryColumns} FROM {entries} WHERE scope_hash = ? ORDER BY embedding ANN OF ? LIMIT ? ALLOW FILTERING";
        SearchInScopeCassandra = $"SELECT {EntryColumns} FROM {entries} WHERE scope_hash = ? ORDER BY embedding ANN OF ? LIMIT ?";
        ProbeIndex = $"SELECT key FROM {entries} ORDER BY embedding ANN OF ? LIMIT 1";
    }

    public string Keyspace { get; }

    public string Table { get; }

    public int Dimensions { get; }

    public string EmbeddingIndexName { get; }

    public string ScopeIndexName { get; }

    public string CreateEntriesTable { get; }

    public string CreateLookupTable { get; }

    public string InsertEntry { get; }

    public string InsertLookup { get; }

    public string SelectEntry { get; }

    public string SelectEntryHeader { get; }

    public string DeleteEntry { get; }

    public string DeleteLookup { get; }

    public string SelectLookupKeys { get; }

    public string ScanEntryHeaders { get; }

    public string ScanExpiries { get; }

    public string Search { get; }

    public string SearchInScopeScylla { get; }

    public string SearchInScopeCassandra { get; }

    public string ProbeIndex { get; }

    /// <summary>Builds CREATE KEYSPACE.</summary>
    /// <param name="strategy">The replication class.</param>
    /// <param name="replicationFactor">The replication factor.</param>
    /// <param name="dataCenters">Per data center factors for NetworkTopologyStrategy, or empty.</param>
    /// <param name="tablets">Whether to add <c>AND tablets = {'enabled': true}</c> (ScyllaDB).</param>
    /// <returns>The statement.</returns>
    public string CreateKeyspace(
        ScyllaReplicationStrategy strategy, int replicationFactor, IReadOnlyDictionary<string, int> dataCenters, bool tablets)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"CREATE KEYSPACE IF NOT EXISTS {Keyspace} WITH replication = {{'class': '{strategy}'");
        if (strategy == ScyllaReplicationStrategy.NetworkTopologyStrategy && dataCenters.Count > 0)
        {
            foreach (var (dataCenter, factor) in dataCenters.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                builder.Append(CultureInfo.InvariantCulture, $", '{dataCenter}': {factor}");
            }
        }
        else
        {
            builder.Append(CultureInfo.InvariantCulture, $", 'replication_factor': {replicationFactor}");
        }

        builder.Append('}');
        if (tablets)
        {
            builder.Append(" AND tablets = {'enabled': true}");
        }

        return builder.ToString();
    }

    /// <summary>Builds the vector index DDL.</summary>
    /// <param name="dialect">The dialect (not <see cref="ScyllaDialect.Auto"/>).</param>
    /// <param name="function">The similarity function.</param>
    /// <param name="withScopeFilteringColumn">On ScyllaDB, whether the index lists <c>scope_hash</c> as a filtering column (2026.1+).</param>
    /// <returns>The statement.</returns>
    public string CreateVectorIndex(ScyllaDialect dialect, ScyllaSimilarityFunction function, bool withScopeFilteringColumn)
    {
        string options = $"WITH OPTIONS = {{'similarity_function': '{SimilarityFunctionName(function)}'}}";
        return dialect == ScyllaDialect.Cassandra
            ? $"CREATE CUSTOM INDEX IF NOT EXISTS {EmbeddingIndexName} ON {Keyspace}.{Table} (embedding) USING 'StorageAttachedIndex' {options}"
            : withScopeFilteringColumn
                ? $"CREATE CUSTOM INDEX IF NOT EXISTS {EmbeddingIndexName} ON {Keyspace}.{Table} (embedding, scope_hash) USING 'vector_index' {options}"
                : $"CREATE CUSTOM INDEX IF NOT EXISTS {EmbeddingIndexName} ON {Keyspace}.{Table} (embedding) USING 'vector_index' {options}";
    }

    /// <summary>Builds the SAI index on the scope (Cassandra), which lets the ANN query filter by scope.</summary>
    /// <returns>The statement.</returns>
    public string CreateScopeIndex() =>
        $"CREATE CUSTOM INDEX IF NOT EXISTS {ScopeIndexName} ON {Keyspace}.{Table} (scope_hash) USING 'StorageAttachedIndex'";

    /// <summary>Gets the CQL name of a similarity function.</summary>
    /// <param name="function">The function.</param>
    /// <returns>COSINE, DOT_PRODUCT or EUCLIDEAN.</returns>
    public static string SimilarityFunctionName(ScyllaSimilarityFunction function) => function switch
    {
        ScyllaSimilarityFunction.Cosine => "COSINE",
        ScyllaSimilarityFunction.DotProduct => "DOT_PRODUCT",
        ScyllaSimilarityFunction.Euclidean => "EUCLIDEAN",
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown similarity function."),
    };
}
