namespace SemanticCache.Scylla;

/// <summary>The &lt;type&gt; [byte] of a BATCH message (v4 §4.1.7).</summary>
internal enum CqlBatchType : byte
{
    Logged = 0,
    Unlogged = 1,
    Counter = 2,
}
