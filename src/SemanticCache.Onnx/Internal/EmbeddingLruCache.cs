namespace SemanticCache.Onnx;

/// <summary>
/// A bounded least-recently-used map from exact text (ordinal) to its embedding vector. Thread-safe (one lock; every
/// operation is O(1)).
/// </summary>
internal sealed class EmbeddingLruCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, float[]>>> _entries;
    private readonly LinkedList<KeyValuePair<string, float[]>> _recency = new();
    private readonly Lock _gate = new();

    public EmbeddingLruCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _entries = new Dictionary<string, LinkedListNode<KeyValuePair<string, float[]>>>(Math.Min(capacity, 4096), StringComparer.Ordinal);
    }

    /// <summary>Gets the number of cached texts.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Looks a text up and, when found, marks it most recently used.</summary>
    public bool TryGet(string text, out float[] vector)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(text, out LinkedListNode<KeyValuePair<string, float[]>>? node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                vector = node.Value.Value;
                return true;
            }
        }

        vector = [];
        return false;
    }

    /// <summary>Adds or refreshes a text, evicting the least recently used one when full.</summary>
    public void Set(string text, float[] vector)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(text, out LinkedListNode<KeyValuePair<string, float[]>>? existing))
            {
                _recency.Remove(existing);
            }
            else if (_entries.Count >= _capacity)
            {
                LinkedListNode<KeyValuePair<string, float[]>> oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            _entries[text] = _recency.AddFirst(new KeyValuePair<string, float[]>(text, vector));
        }
    }
}
