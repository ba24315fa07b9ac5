namespace SemanticCache.PgVector;

/// <summary>
/// How the HNSW index keeps scanning when filters (scope, expiry) remove candidates: pgvector's
/// <c>hnsw.iterative_scan</c> setting (pgvector 0.8.0 or later).
/// </summary>
public enum PgVectorIterativeScan
{
    /// <summary>
    /// Scan more of the index until enough rows pass the filters; results may be slightly out of order, and the
    /// store re-sorts them. Best recall (<c>relaxed_order</c>).
    /// </summary>
    RelaxedOrder,

    /// <summary>Scan more of the index until enough rows pass the filters, in exact distance order (<c>strict_order</c>).</summary>
    StrictOrder,

    /// <summary>
    /// No iterative scan: at most <c>hnsw.ef_search</c> rows come out of the index before filtering, so a scope with
    /// few entries among many others can lose hits (<c>off</c>).
    /// </summary>
    Off,
}
