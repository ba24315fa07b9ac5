namespace SemanticCache.Tests;

/// <summary>
/// A store double that delegates to a real <see cref="InMemorySemanticCacheStore"/> and lets a test inject failures,
/// hangs or corruption into any operation through <see cref="Before"/>.
/// </summary>
public sealed class TestStore(TimeProvider? timeProvider = null) : ISemanticCacheStore, ISemanticCacheHitRecorder
{
    private int _operations;

    public InMemorySemanticCacheStore Inner { get; } = new(timeProvider: timeProvider);

    /// <summary>Gets or sets a hook run before each operation with the operation's name (get, search, upsert, ...).</summary>
    public Func<string, CancellationToken, Task>? Before { get; set; }

    /// <summary>Gets or sets a transformation applied to entries read back (to simulate corruption).</summary>
    public Func<SemanticCacheEntry, SemanticCacheEntry>? OnRead { get; set; }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _recordedHits = new();

    public int Operations => Volatile.Read(ref _operations);

    /// <summary>Gets the keys the cache reported as served (hit recording), in order.</summary>
    public IReadOnlyCollection<string> RecordedHits => _recordedHits;

    public ValueTask<bool> RecordHitAsync(string key, CancellationToken cancellationToken = default)
    {
        _recordedHits.Enqueue(key);
        return ValueTask.FromResult(true);
    }

    public async ValueTask<SemanticCacheEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await HookAsync("get", cancellationToken);
        var entry = await Inner.GetAsync(key, cancellationToken);
        return entry is null || OnRead is null ? entry : OnRead(entry);
    }

    public async ValueTask<IReadOnlyList<SemanticCacheMatch>> SearchAsync(string scopeHash, ReadOnlyMemory<float> vector, int limit, CancellationToken cancellationToken = default)
    {
        await HookAsync("search", cancellationToken);
        var matches = await Inner.SearchAsync(scopeHash, vector, limit, cancellationToken);
        return OnRead is null ? matches : matches.Select(m => m with { Entry = OnRead(m.Entry) }).ToList();
    }

    public async ValueTask UpsertAsync(SemanticCacheEntry entry, CancellationToken cancellationToken = default)
    {
        await HookAsync("upsert", cancellationToken);
        await Inner.UpsertAsync(entry, cancellationToken);
    }

    public async ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        await HookAsync("remove", cancellationToken);
        return await Inner.RemoveAsync(key, cancellationToken);
    }

    public async ValueTask<long> RemoveByTagsAsync(IReadOnlyCollection<string> tags, bool matchAll, CancellationToken cancellationToken = default)
    {
        await HookAsync("remove_by_tags", cancellationToken);
        return await Inner.RemoveByTagsAsync(tags, matchAll, cancellationToken);
    }

    public async ValueTask<long> RemoveByPartitionAsync(string partition, CancellationToken cancellationToken = default)
    {
        await HookAsync("remove_by_partition", cancellationToken);
        return await Inner.RemoveByPartitionAsync(partition, cancellationToken);
    }

    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        await HookAsync("clear", cancellationToken);
        await Inner.ClearAsync(cancellationToken);
    }

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await HookAsync("count", cancellationToken);
        return await Inner.CountAsync(cancellationToken);
    }

    private Task HookAsync(string operation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _operations);
        return Before?.Invoke(operation, cancellationToken) ?? Task.CompletedTask;
    }
}
