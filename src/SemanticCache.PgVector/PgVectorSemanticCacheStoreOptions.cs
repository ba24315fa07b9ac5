namespace SemanticCache.PgVector;

/// <summary>Configures a <see cref="PgVectorSemanticCacheStore"/>.</summary>
/// <remarks>
/// Options are read once, when the store is created; later changes have no effect on that store. They are validated
/// by the store's constructor and, with dependency injection, at start-up.
/// </remarks>
public sealed class PgVectorSemanticCacheStoreOptions
{
    /// <summary>Gets or sets the schema of the cache table (a plain identifier: letters, digits and underscores, at most 63 characters).</summary>
    /// <value>The default is <c>public</c>. The schema is created when it does not exist.</value>
    public string Schema { get; set; } = "public";

    /// <summary>Gets or sets the name of the cache table (a plain identifier: letters, digits and underscores, at most 63 characters).</summary>
    /// <value>The default is <c>semantic_cache</c>.</value>
    public string TableName { get; set; } = "semantic_cache";

    /// <summary>
    /// Gets or sets the number of dimensions N of the <c>vector(N)</c> column.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: with <c>UsePgVector</c> the dimension comes from the embedding generator's
    /// <c>DefaultModelDimensions</c> when it reports one; otherwise from an existing table; otherwise the table is
    /// created on the first write, with the dimension of that first vector. When set, it must match an existing table.
    /// </value>
    public int? Dimensions { get; set; }

    /// <summary>Gets or sets the distance the HNSW index is built for and searches use.</summary>
    /// <value>The default is <see cref="PgVectorSimilarityFunction.Cosine"/>.</value>
    public PgVectorSimilarityFunction SimilarityFunction { get; set; } = PgVectorSimilarityFunction.Cosine;

    /// <summary>Gets or sets the HNSW build parameter <c>m</c>: the number of links per node (2 to 100).</summary>
    /// <value>The default is 16 (pgvector's default).</value>
    public int HnswM { get; set; } = 16;

    /// <summary>Gets or sets the HNSW build parameter <c>ef_construction</c>: the candidate list size while building (4 to 1000, at least 2 × <see cref="HnswM"/>).</summary>
    /// <value>The default is 64 (pgvector's default).</value>
    public int HnswEfConstruction { get; set; } = 64;

    /// <summary>
    /// Gets or sets <c>hnsw.ef_search</c>: the candidate list size of a search (1 to 1000). Each search uses the larger
    /// of this value and its limit k, set for that search's transaction only.
    /// </summary>
    /// <value>The default is 40 (pgvector's default).</value>
    public int HnswEfSearch { get; set; } = 40;

    /// <summary>Gets or sets how a search keeps scanning the index when the scope and expiry filters remove candidates.</summary>
    /// <value>The default is <see cref="PgVectorIterativeScan.RelaxedOrder"/>.</value>
    public PgVectorIterativeScan IterativeScan { get; set; } = PgVectorIterativeScan.RelaxedOrder;

    /// <summary>
    /// Gets or sets <c>hnsw.max_scan_tuples</c>: how many index tuples an iterative scan visits at most before it
    /// gives up (1 to 2,147,483,647), or <see langword="null"/> for the server's setting.
    /// </summary>
    /// <value>The default is <see langword="null"/> (pgvector's default is 20,000).</value>
    public int? HnswMaxScanTuples { get; set; }

    /// <summary>
    /// Gets or sets how often the background sweeper deletes expired rows, or <see cref="Timeout.InfiniteTimeSpan"/>
    /// to run no sweeper (expired rows are still never returned).
    /// </summary>
    /// <value>The default is 1 minute.</value>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many expired rows one sweep statement deletes at most (1 to 100,000); a sweep repeats batches until none are left.</summary>
    /// <value>The default is 1,000.</value>
    public int SweepBatchSize { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets a value indicating whether the store creates the <c>vector</c> extension, the schema, the table
    /// and its indexes when they are missing.
    /// </summary>
    /// <value>
    /// The default is <see langword="true"/>. Set it to <see langword="false"/> when the schema is managed elsewhere
    /// (the role then needs no <c>CREATE</c> privilege); the store still verifies the table.
    /// </value>
    public bool CreateSchema { get; set; } = true;
}
