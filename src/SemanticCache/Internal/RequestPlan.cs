namespace SemanticCache;

/// <summary>A cacheable request ready for lookup: its canonical form, its per-request controls and its threshold.</summary>
internal sealed record RequestPlan(CanonicalRequest Request, RequestControl Control, double Threshold);
