namespace SemanticCache.Benchmarks;

/// <summary>A backend to measure: how to create it for a number of dimensions, or why it cannot run here.</summary>
/// <param name="Name">The backend's name (<c>memory</c>, <c>pgvector</c>, <c>scylla</c>).</param>
/// <param name="CreateAsync">Creates the emptied store; <see langword="null"/> when unavailable.</param>
/// <param name="UnavailableReason">Why the backend cannot run, when <paramref name="CreateAsync"/> is <see langword="null"/>.</param>
public sealed record BackendPlan(string Name, Func<int, CancellationToken, Task<ScenarioBackend>>? CreateAsync, string? UnavailableReason = null);
