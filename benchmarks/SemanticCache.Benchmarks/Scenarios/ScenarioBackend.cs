namespace SemanticCache.Benchmarks;

/// <summary>A store set up for the scenario benchmark, emptied, with what it takes to release it.</summary>
public sealed class ScenarioBackend(string name, string description, ISemanticCacheStore store, Func<ValueTask> release) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public ISemanticCacheStore Store { get; } = store;

    /// <summary>Gets how long to wait after the writes of the miss scenario before searching (for indexes that follow writes late).</summary>
    public TimeSpan SettleTime { get; init; }

    public ValueTask DisposeAsync() => release();
}
