namespace SemanticCache.Scylla;

/// <summary>What a [value] holds (v4 §3): bytes, null (length -1) or "not set" (length -2).</summary>
internal enum CqlValueKind
{
    Present,
    Null,
    NotSet,
}
