namespace SemanticCache;

/// <summary>
/// The L1 tier: a bounded in-process map from exact key to entry. Least-recently-used order is kept in a linked list
/// (O(1)); LFU and TTL-only eviction scan for their victim (O(n)), which suits the thousands of entries L1 is meant for.
/// </summary>
internal sealed class L1Cache(SemanticCacheL1Options options)
{
    private const int EntryOverheadBytes = 96;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Node> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<Node> _recency = new();
    private long _bytes;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public bool TryGet(string key, DateTimeOffset now, out SemanticCacheEntry entry)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                if (node.ExpiresAt is { } expiresAt && expiresAt <= now)
                {
                    RemoveNode(node);
                }
                else
                {
                    node.Hits++;
                    _recency.Remove(node.Recency);
                    _recency.AddFirst(node.Recency);
                    entry = node.Entry;
                    return true;
                }
            }
        }

        entry = null!;
        return false;
    }

    public void Set(SemanticCacheEntry entry, DateTimeOffset now)
    {
        var size = SizeOf(entry);
        if (options.MaxBytes is { } maxBytes && size > maxBytes)
        {
            return; // larger than the whole tier: it would only evict everything else
        }

        var expiresAt = entry.ExpiresAt;
        if (options.MaxTimeToLive is { } maxTtl && (expiresAt is null || expiresAt > now + maxTtl))
        {
            expiresAt = now + maxTtl;
        }

        lock (_lock)
        {
            if (_map.TryGetValue(entry.Key, out var existing))
            {
                RemoveNode(existing);
            }

            var node = new Node(entry, expiresAt, size);
            node.Recency = _recency.AddFirst(node);
            _map.Add(entry.Key, node);
            _bytes += size;
            while (_map.Count > 1 && OverBounds())
            {
                RemoveNode(ChooseVictim(now, node));
            }
        }
    }

    public bool Remove(string key)
    {
        lock (_lock)
        {
            if (!_map.TryGetValue(key, out var node))
            {
                return false;
            }

            RemoveNode(node);
            return true;
        }
    }

    public int RemoveWhere(Func<SemanticCacheEntry, bool> predicate)
    {
        lock (_lock)
        {
            var doomed = _map.Values.Where(node => predicate(node.Entry)).ToList();
            foreach (var node in doomed)
            {
                RemoveNode(node);
            }

            return doomed.Count;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _map.Clear();
            _recency.Clear();
            _bytes = 0;
        }
    }

    private static long SizeOf(SemanticCacheEntry entry) =>
        EntryOverheadBytes + entry.Response.Length + ((long)entry.Vector.Length * sizeof(float)) +
        (2L * (entry.Key.Length + entry.ScopeHash.Length + entry.EmbeddedText.Length + entry.Partition.Length + entry.Tags.Sum(t => t.Length)));

    private bool OverBounds() => (options.MaxEntries is { } maxEntries && _map.Count > maxEntries) || (options.MaxBytes is { } maxBytes && _bytes > maxBytes);

    private Node ChooseVictim(DateTimeOffset now, Node newest)
    {
        // The entry just added is never its own victim, or LFU would reject every newcomer.
        // Expired entries are always the first to go, whatever the policy.
        var victim = _map.Values.FirstOrDefault(n => n != newest && n.ExpiresAt is { } e && e <= now);
        if (victim is not null)
        {
            return victim;
        }

        switch (options.EvictionPolicy)
        {
            case SemanticCacheEvictionPolicy.Lfu:
                // Walk from least to most recent so that, among equally frequent entries, the least recent goes.
                for (var current = _recency.Last; current is not null; current = current.Previous)
                {
                    if (current.Value != newest && (victim is null || current.Value.Hits < victim.Hits))
                    {
                        victim = current.Value;
                    }
                }

                return victim!;
            case SemanticCacheEvictionPolicy.TtlOnly:
                return _map.Values.Where(n => n != newest).MinBy(n => n.ExpiresAt ?? DateTimeOffset.MaxValue)!;
            default:
                return _recency.Last!.Value == newest ? _recency.Last.Previous!.Value : _recency.Last.Value;
        }
    }

    private void RemoveNode(Node node)
    {
        _map.Remove(node.Entry.Key);
        _recency.Remove(node.Recency);
        _bytes -= node.Size;
    }

    private sealed class Node(SemanticCacheEntry entry, DateTimeOffset? expiresAt, long size)
    {
        public SemanticCacheEntry Entry { get; } = entry;

        public DateTimeOffset? ExpiresAt { get; } = expiresAt;

        public long Size { get; } = size;

        public long Hits { get; set; }

        public LinkedListNode<Node> Recency { get; set; } = null!;
    }
}
