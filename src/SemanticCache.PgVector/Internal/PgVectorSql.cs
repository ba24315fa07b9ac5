using System.Globalization;

namespace SemanticCache.PgVector;

/// <summary>
/// The SQL text of one store, built once from validated identifiers and options. Every value is a positional
/// parameter (<c>$n</c>); only identifiers and validated integers are part of the text.
/// </summary>
internal sealed class PgVectorSql
{
    /// <summary>The version of the table's shape; it is kept in the table's comment and bumped when the shape changes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The prefix of the table comment that marks a table as a SemanticCache.PgVector table of some schema version.</summary>
    public const string SchemaMarker = "SemanticCache.PgVector schema version ";

    private const string Columns =
        "key, scope_hash, partition, embedded_text, embedding, response, format_version, created_at, expires_at, tags, model_id";

    private const string Unexpired = "(expires_at IS NULL OR expires_at > $1)";

    public PgVectorSql(PgVectorSemanticCacheStoreOptions options)
    {
        Schema = options.Schema;
        Table = options.TableName;
        QualifiedTable = PgVectorIdentifier.Quote(Schema) + "." + PgVectorIdentifier.Quote(Table);
        Function = options.SimilarityFunction;
        (DistanceOperator, OperatorClass, FunctionSuffix) = Function switch
        {
            PgVectorSimilarityFunction.Cosine => ("<=>", "vector_cosine_ops", "cosine"),
            PgVectorSimilarityFunction.L2 => ("<->", "vector_l2_ops", "l2"),
            PgVectorSimilarityFunction.InnerProduct => ("<#>", "vector_ip_ops", "ip"),
            PgVectorSimilarityFunction.L1 => ("<+>", "vector_l1_ops", "l1"),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.SimilarityFunction, "Unknown similarity function."),
        };
        HnswIndex = PgVectorIdentifier.Derived(Table, "embedding_" + FunctionSuffix + "_idx");
        var m = options.HnswM.ToString(CultureInfo.InvariantCulture);
        var efConstruction = options.HnswEfConstruction.ToString(CultureInfo.InvariantCulture);

        Get = $"SELECT {Columns} FROM {QualifiedTable} WHERE key = $2 AND {Unexpired}";

        // The ORDER BY must be the bare distance expression with ASC and LIMIT, or the HNSW index is not used.
        Search = $"SELECT {Columns}, embedding {DistanceOperator} $2 AS distance FROM {QualifiedTable} " +
            $"WHERE scope_hash = $3 AND {Unexpired} ORDER BY embedding {DistanceOperator} $2 LIMIT $4";

        Upsert = $"INSERT INTO {QualifiedTable} ({Columns}, hit_count, last_hit_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, NULL) " +
            "ON CONFLICT (key) DO UPDATE SET scope_hash = EXCLUDED.scope_hash, partition = EXCLUDED.partition, " +
            "embedded_text = EXCLUDED.embedded_text, embedding = EXCLUDED.embedding, response = EXCLUDED.response, " +
            "format_version = EXCLUDED.format_version, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, " +
            "tags = EXCLUDED.tags, model_id = EXCLUDED.model_id, hit_count = 0, last_hit_at = NULL";

        Remove = $"DELETE FROM {QualifiedTable} WHERE key = $1";
        RemoveByAnyTag = $"DELETE FROM {QualifiedTable} WHERE tags && $1";
        RemoveByAllTags = $"DELETE FROM {QualifiedTable} WHERE tags @> $1";
        RemoveByPartition = $"DELETE FROM {QualifiedTable} WHERE partition = $1";
        Clear = $"DELETE FROM {QualifiedTable}";
        Count = $"SELECT count(*) FROM {QualifiedTable} WHERE {Unexpired}";
        RecordHit = $"UPDATE {QualifiedTable} SET hit_count = hit_count + 1, last_hit_at = $1 WHERE key = $2 AND {Unexpired}";

        // SKIP LOCKED: concurrent sweepers (several app instances) take disjoint batches and never wait on each other.
        Sweep = $"DELETE FROM {QualifiedTable} WHERE key IN (SELECT key FROM {QualifiedTable} " +
            "WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)";

        CreateSchema = $"CREATE SCHEMA IF NOT EXISTS {PgVectorIdentifier.Quote(Schema)}";
        var scopeIndex = PgVectorIdentifier.Derived(Table, "scope_idx");
        var partitionIndex = PgVectorIdentifier.Derived(Table, "partition_idx");
        var tagsIndex = PgVectorIdentifier.Derived(Table, "tags_idx");
        var expiresIndex = PgVectorIdentifier.Derived(Table, "expires_idx");
        CreateIndexes =
        [
            (HnswIndex, $"CREATE INDEX IF NOT EXISTS {PgVectorIdentifier.Quote(HnswIndex)} ON {QualifiedTable} " +
                $"USING hnsw (embedding {OperatorClass}) WITH (m = {m}, ef_construction = {efConstruction})"),
            (scopeIndex, $"CREATE INDEX IF NOT EXISTS {PgVectorIdentifier.Quote(scopeIndex)} ON {QualifiedTable} (scope_hash)"),
            (partitionIndex, $"CREATE INDEX IF NOT EXISTS {PgVectorIdentifier.Quote(partitionIndex)} ON {QualifiedTable} (partition)"),
            (tagsIndex, $"CREATE INDEX IF NOT EXISTS {PgVectorIdentifier.Quote(tagsIndex)} ON {QualifiedTable} USING gin (tags)"),
            (expiresIndex, $"CREATE INDEX IF NOT EXISTS {PgVectorIdentifier.Quote(expiresIndex)} ON {QualifiedTable} (expires_at) " +
                "WHERE expires_at IS NOT NULL"),
        ];
    }

    public string Schema { get; }

    public string Table { get; }

    public string QualifiedTable { get; }

    public PgVectorSimilarityFunction Function { get; }

    public string DistanceOperator { get; }

    public string OperatorClass { get; }

    public string FunctionSuffix { get; }

    public string HnswIndex { get; }

    public string Get { get; }

    public string Search { get; }

    public string Upsert { get; }

    public string Remove { get; }

    public string RemoveByAnyTag { get; }

    public string RemoveByAllTags { get; }

    public string RemoveByPartition { get; }

    public string Clear { get; }

    public string Count { get; }

    public string RecordHit { get; }

    public string Sweep { get; }

    public string CreateSchema { get; }

    /// <summary>Gets the indexes of the table: name and idempotent DDL.</summary>
    public IReadOnlyList<(string Name, string Sql)> CreateIndexes { get; }

    /// <summary>Sets the search settings for the current transaction only, so pooled connections never keep them.</summary>
    public static string SearchSettings =>
        "SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', $2, true), " +
        "CASE WHEN $3 = '' THEN NULL ELSE set_config('hnsw.max_scan_tuples', $3, true) END";

    /// <summary>Reads the table's comment, kind and embedding column type; no row when the table does not exist.</summary>
    public static string DescribeTable =>
        "SELECT obj_description(c.oid, 'pg_class'), format_type(a.atttypid, NULL), a.atttypmod " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'embedding' AND NOT a.attisdropped " +
        "WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')";

    /// <summary>Lists the table's indexes: name, access method and the operator class of the first column.</summary>
    public static string DescribeIndexes =>
        "SELECT i.relname, am.amname, coalesce(o.opcname, '') FROM pg_index x " +
        "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid " +
        "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam " +
        "LEFT JOIN pg_opclass o ON o.oid = x.indclass[0] " +
        "WHERE n.nspname = $1 AND t.relname = $2";

    /// <summary>Serialises schema creation across processes for one table name.</summary>
    public static string SchemaLock => "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";

    public string CreateTable(int dimensions) =>
        $"CREATE TABLE {QualifiedTable} (" +
        "key text PRIMARY KEY, " +
        "scope_hash text NOT NULL, " +
        "partition text NOT NULL DEFAULT '', " +
        "embedded_text text NOT NULL, " +
        $"embedding vector({dimensions.ToString(CultureInfo.InvariantCulture)}) NOT NULL, " +
        "response bytea NOT NULL, " +
        "format_version integer NOT NULL, " +
        "created_at timestamptz NOT NULL, " +
        "expires_at timestamptz, " +
        "tags text[] NOT NULL DEFAULT '{}', " +
        "model_id text, " +
        "hit_count bigint NOT NULL DEFAULT 0, " +
        "last_hit_at timestamptz)";

    public string CommentTable() =>
        $"COMMENT ON TABLE {QualifiedTable} IS '{SchemaMarker}{SchemaVersion.ToString(CultureInfo.InvariantCulture)}'";

    /// <summary>Converts a pgvector distance of this store's function into the similarity reported to the cache.</summary>
    public double ToSimilarity(double distance) => Function switch
    {
        PgVectorSimilarityFunction.Cosine => 1 - distance,
        PgVectorSimilarityFunction.L2 => 1 - (distance * distance / 2),
        PgVectorSimilarityFunction.InnerProduct => -distance,
        PgVectorSimilarityFunction.L1 => 1 / (1 + distance),
        _ => throw new InvalidOperationException("Unknown similarity function."),
    };

    /// <summary>The value of <c>hnsw.iterative_scan</c> for an option value.</summary>
    public static string IterativeScanSetting(PgVectorIterativeScan scan) => scan switch
    {
        PgVectorIterativeScan.RelaxedOrder => "relaxed_order",
        PgVectorIterativeScan.StrictOrder => "strict_order",
        _ => "off",
    };
}
