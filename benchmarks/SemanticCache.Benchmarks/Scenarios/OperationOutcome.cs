namespace SemanticCache.Benchmarks;

/// <summary>The outcome of one measured request: whether the cache served it, and the miss's split when the model was called.</summary>
/// <param name="Hit">Whether the cache served the request.</param>
/// <param name="LookupMilliseconds">For a miss, the time from the request to the model call.</param>
/// <param name="WriteMilliseconds">For a miss, the time from the model's answer to the return (the store write).</param>
public readonly record struct OperationOutcome(bool Hit, double? LookupMilliseconds = null, double? WriteMilliseconds = null);
