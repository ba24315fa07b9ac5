namespace SemanticCache;

/// <summary>
/// The <see cref="ISemanticCache"/> a client hands out through <c>GetService</c>: the shared engine, with warm-up scoped
/// by the client's inner default model id, exactly as that client's requests are.
/// </summary>
internal sealed class BoundSemanticCache(SemanticCacheEngine engine, Func<string?> defaultModelId) : ISemanticCache
{
    public ValueTask<bool> InvalidateAsync(string key, CancellationToken cancellationToken = default) => engine.InvalidateAsync(key, cancellationToken);

    public ValueTask<long> InvalidateByTagAsync(string tag, CancellationToken cancellationToken = default) => engine.InvalidateByTagAsync(tag, cancellationToken);

    public ValueTask<long> InvalidateByTagsAsync(IReadOnlyCollection<string> tags, bool matchAll, CancellationToken cancellationToken = default) =>
        engine.InvalidateByTagsAsync(tags, matchAll, cancellationToken);

    public ValueTask<long> InvalidatePartitionAsync(string partition, CancellationToken cancellationToken = default) =>
        engine.InvalidatePartitionAsync(partition, cancellationToken);

    public ValueTask ClearAsync(CancellationToken cancellationToken = default) => engine.ClearAsync(cancellationToken);

    public Task<SemanticCacheWarmUpProgress> WarmUpAsync(
        IEnumerable<SemanticCacheWarmUpItem> items, IProgress<SemanticCacheWarmUpProgress>? progress = null, CancellationToken cancellationToken = default) =>
        engine.WarmUpAsync(items, defaultModelId(), progress, cancellationToken);

    public SemanticCacheStatistics GetStatistics() => engine.GetStatistics();
}
