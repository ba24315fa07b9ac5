using System.Numerics.Tensors;

namespace SemanticCache;

/// <summary>
/// The embedded default store: entries live in process memory, grouped by scope with their normalised vectors in
/// contiguous arrays, and nearest neighbours are found by an exact (brute-force) cosine scan of the request's scope.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe: reads run concurrently, writes are exclusive. The store is bounded by
/// <see cref="InMemorySemanticCacheStoreOptions.MaxEntries"/>; when full, expired entries are dropped first, then the
/// least recently used twentieth of the capacity. Expiry uses the injected <see cref="TimeProvider"/>.
/// </para>
/// <para>
/// Persistence: none unless <see cref="InMemorySemanticCacheStoreOptions.SnapshotPath"/> is set; then the entries
/// (prompt text, serialized response, vector) are saved to that file periodically and on dispose, and loaded on start.
/// </para>
/// </remarks>
public sealed class InMemorySemanticCacheStore : ISemanticCacheStore, IAsyncDisposable, IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, InMemoryNode> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InMemoryScopeSegment> _byScope = new(StringComparer.Ordinal);
    private readonly InMemorySemanticCacheStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _snapshotGate = new(1, 1);
    private readonly ITimer? _snapshotTimer;
    private int? _dimensions;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="InMemorySemanticCacheStore"/> class.</summary>
    /// <param name="options">The options; <see langword="null"/> uses the defaults.</param>
    /// <param name="timeProvider">The clock used for expiry; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid.</exception>
    /// <exception cref="InvalidDataException">The snapshot file exists but cannot be read.</exception>
    public InMemorySemanticCacheStore(InMemorySemanticCacheStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new InMemorySemanticCacheStoreOptions();
        InMemorySemanticCacheStoreOptionsValidator.ThrowIfInvalid(_options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _dimensions = _options.Dimensions;
        if (_options.SnapshotPath is { } path)
        {
            var (dimensions, entries) = InMemorySnapshotFile.Read(path, _timeProvider.GetUtcNow());
            if (dimensions is not null && _dimensions is not null && dimensions != _dimensions)
            {
                throw new InvalidDataException(
                    $"The semantic cache snapshot '{path}' holds {dimensions}-dimensional vectors but the store is configured for {_dimensions}. Move or delete the file, or fix the option.");
            }

            foreach (var entry in entries.OrderBy(e => e.CreatedAt))
            {
                UpsertCore(entry);
            }

            if (_options.SnapshotInterval is { } interval)
            {
                _snapshotTimer = _timeProvider.CreateTimer(_ => _ = SaveSnapshotInBackgroundAsync(), null, interval, interval);
            }
        }
    }

    /// <summary>Gets the number of entries held, including expired ones not yet removed.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _byKey.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<SemanticCacheEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_byKey.TryGetValue(key, out var node) && !node.Entry.IsExpired(now))
            {
                node.Touch(_timeProvider.GetTimestamp());
                return ValueTask.FromResult<SemanticCacheEntry?>(node.Entry);
            }

            return ValueTask.FromResult<SemanticCacheEntry?>(null);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    /// <remarks>The similarity is the cosine similarity of the query and the stored vector.</remarks>
    public ValueTask<IReadOnlyList<SemanticCacheMatch>> SearchAsync(
        string scopeHash, ReadOnlyMemory<float> vector, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopeHash);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_byScope.TryGetValue(scopeHash, out var segment))
            {
                return ValueTask.FromResult<IReadOnlyList<SemanticCacheMatch>>([]);
            }

            ThrowIfWrongDimension(vector.Length);
            Span<float> query = vector.Length <= 1024 ? stackalloc float[vector.Length] : new float[vector.Length];
            InMemoryScopeSegment.Normalize(vector.Span, query);
            var best = new TopK(Math.Min(limit, segment.Count));
            for (var i = 0; i < segment.Count; i++)
            {
                var similarity = TensorPrimitives.Dot(segment.VectorAt(i), query);
                if (best.Accepts(similarity) && !segment.NodeAt(i).Entry.IsExpired(now))
                {
                    best.Add(i, similarity);
                }
            }

            var timestamp = _timeProvider.GetTimestamp();
            var matches = new SemanticCacheMatch[best.Count];
            for (var m = 0; m < best.Count; m++)
            {
                var (index, similarity) = best[m];
                var node = segment.NodeAt(index);
                node.Touch(timestamp);
                matches[m] = new SemanticCacheMatch(node.Entry, Math.Clamp(similarity, -1.0, 1.0));
            }

            return ValueTask.FromResult<IReadOnlyList<SemanticCacheMatch>>(matches);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The entry's vector does not have the store's dimension.</exception>
    public ValueTask UpsertAsync(SemanticCacheEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            UpsertCore(entry);
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_byKey.TryGetValue(key, out var node))
            {
                return ValueTask.FromResult(false);
            }

            RemoveCore(node);
            return ValueTask.FromResult(true);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public ValueTask<long> RemoveByTagsAsync(IReadOnlyCollection<string> tags, bool matchAll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        cancellationToken.ThrowIfCancellationRequested();
        if (tags.Count == 0)
        {
            return ValueTask.FromResult(0L);
        }

        return ValueTask.FromResult(RemoveWhere(entry => matchAll
            ? tags.All(tag => entry.Tags.Contains(tag, StringComparer.Ordinal))
            : tags.Any(tag => entry.Tags.Contains(tag, StringComparer.Ordinal))));
    }

    /// <inheritdoc />
    public ValueTask<long> RemoveByPartitionAsync(string partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(RemoveWhere(entry => string.Equals(entry.Partition, partition, StringComparison.Ordinal)));
    }

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _byKey.Clear();
            _byScope.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ValueTask.FromResult((long)_byKey.Values.Count(node => !node.Entry.IsExpired(now)));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Saves the snapshot now (a no-op without <see cref="InMemorySemanticCacheStoreOptions.SnapshotPath"/>).</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the snapshot file has been replaced.</returns>
    public async Task SaveSnapshotAsync(CancellationToken cancellationToken = default)
    {
        if (_options.SnapshotPath is not { } path)
        {
            return;
        }

        await _snapshotGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            List<(SemanticCacheEntry, float[])> copy;
            int dimensions;
            _lock.EnterReadLock();
            try
            {
                dimensions = _dimensions ?? 0;
                copy = new List<(SemanticCacheEntry, float[])>(_byKey.Count);
                foreach (var node in _byKey.Values)
                {
                    if (!node.Entry.IsExpired(now))
                    {
                        copy.Add((node.Entry, node.Segment.VectorAt(node.Index).ToArray()));
                    }
                }
            }
            finally
            {
                _lock.ExitReadLock();
            }

            // File I/O runs outside the lock so that lookups never wait for the disk.
            await Task.Run(() => InMemorySnapshotFile.Write(path, dimensions, copy), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _snapshotGate.Release();
        }
    }

    /// <summary>Saves the snapshot (when configured) and releases the store.</summary>
    /// <returns>A task that completes when the store is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (_snapshotTimer is not null)
        {
            await _snapshotTimer.DisposeAsync().ConfigureAwait(false);
        }

        await SaveSnapshotAsync().ConfigureAwait(false);
        _lock.EnterWriteLock();
        _disposed = true;
        _lock.ExitWriteLock();
    }

    /// <summary>Saves the snapshot (when configured) and releases the store.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SaveSnapshotInBackgroundAsync()
    {
        try
        {
            await SaveSnapshotAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // A periodic save that fails is retried at the next interval and on dispose, which reports the error.
        }
    }

    private void UpsertCore(SemanticCacheEntry entry)
    {
        ThrowIfWrongDimension(entry.Vector.Length);
        _dimensions ??= entry.Vector.Length;
        if (_byKey.TryGetValue(entry.Key, out var existing) && string.Equals(existing.Entry.ScopeHash, entry.ScopeHash, StringComparison.Ordinal))
        {
            var replacement = new InMemoryNode(entry, existing.Segment);
            existing.Segment.Replace(existing, replacement, entry.Vector.Span);
            replacement.Touch(_timeProvider.GetTimestamp());
            _byKey[entry.Key] = replacement;
            return;
        }

        if (existing is not null)
        {
            RemoveCore(existing);
        }
        else if (_byKey.Count >= _options.MaxEntries)
        {
            Evict();
        }

        if (!_byScope.TryGetValue(entry.ScopeHash, out var segment))
        {
            segment = new InMemoryScopeSegment(entry.Vector.Length);
            _byScope.Add(entry.ScopeHash, segment);
        }

        var node = new InMemoryNode(entry, segment);
        segment.Add(node, entry.Vector.Span);
        node.Touch(_timeProvider.GetTimestamp());
        _byKey.Add(entry.Key, node);
    }

    private void RemoveCore(InMemoryNode node)
    {
        _byKey.Remove(node.Entry.Key);
        node.Segment.Remove(node);
        if (node.Segment.Count == 0)
        {
            _byScope.Remove(node.Entry.ScopeHash);
        }
    }

    // Called when full: drops expired entries, then (if still full) the least recently used twentieth of the capacity,
    // so the sort is paid once per many inserts rather than on each.
    private void Evict()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var node in _byKey.Values.Where(n => n.Entry.IsExpired(now)).ToList())
        {
            RemoveCore(node);
        }

        if (_byKey.Count < _options.MaxEntries)
        {
            return;
        }

        var count = Math.Max(1, _options.MaxEntries / 20);
        foreach (var node in _byKey.Values.OrderBy(n => n.LastAccess).Take(count).ToList())
        {
            RemoveCore(node);
        }
    }

    private long RemoveWhere(Func<SemanticCacheEntry, bool> predicate)
    {
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var doomed = _byKey.Values.Where(node => predicate(node.Entry)).ToList();
            foreach (var node in doomed)
            {
                RemoveCore(node);
            }

            return doomed.Count;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void ThrowIfWrongDimension(int length)
    {
        if (length == 0)
        {
            throw new ArgumentException("The vector is empty.", nameof(length));
        }

        if (_dimensions is { } dimensions && length != dimensions)
        {
            throw new ArgumentException(
                $"The vector has {length} dimensions but the store holds {dimensions}-dimensional vectors. An embedding model change needs a new (or cleared) store.",
                nameof(length));
        }
    }

    /// <summary>The k best (index, similarity) pairs seen so far, best first; k is small, so insertion into a sorted array wins.</summary>
    private struct TopK(int capacity)
    {
        private readonly (int Index, float Similarity)[] _items = new (int, float)[capacity];

        public int Count { get; private set; }

        public readonly (int Index, float Similarity) this[int i] => _items[i];

        public readonly bool Accepts(float similarity) => _items.Length > 0 && (Count < _items.Length || similarity > _items[Count - 1].Similarity);

        public void Add(int index, float similarity)
        {
            var position = Count < _items.Length ? Count++ : Count - 1;
            while (position > 0 && _items[position - 1].Similarity < similarity)
            {
                _items[position] = _items[position - 1];
                position--;
            }

            _items[position] = (index, similarity);
        }
    }
}
