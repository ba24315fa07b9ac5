namespace SemanticCache.Benchmarks;

/// <summary>
/// Decides whether serving one prompt's answer for another is correct, from labelled pairs: the same text (after
/// lower-casing and collapsing white space) is; a pair labelled different is not; otherwise two prompts are the same
/// meaning when duplicate labels connect them, directly or through other prompts (QQP's question graph).
/// </summary>
public sealed class SameMeaningIndex
{
    private readonly Dictionary<string, string> _parents = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string)> _different = [];

    public SameMeaningIndex(IEnumerable<QualityPair> labelledPairs)
    {
        ArgumentNullException.ThrowIfNull(labelledPairs);
        foreach (var pair in labelledPairs)
        {
            var first = Normalize(pair.First);
            var second = Normalize(pair.Second);
            if (pair.IsDuplicate)
            {
                Union(first, second);
            }
            else
            {
                _different.Add((first, second));
                _different.Add((second, first));
            }
        }
    }

    /// <summary>Lower-cases and collapses white space, so that labels match across trivially different spellings.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    public bool IsSameMeaning(string cached, string asked)
    {
        var a = Normalize(cached);
        var b = Normalize(asked);
        if (a == b)
        {
            return true;
        }

        return !_different.Contains((a, b)) && _parents.ContainsKey(a) && _parents.ContainsKey(b) && Find(a) == Find(b);
    }

    private string Find(string node)
    {
        var root = node;
        while (_parents[root] != root)
        {
            root = _parents[root];
        }

        while (_parents[node] != root)
        {
            (node, _parents[node]) = (_parents[node], root); // path compression
        }

        return root;
    }

    private void Union(string a, string b)
    {
        _parents.TryAdd(a, a);
        _parents.TryAdd(b, b);
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA != rootB)
        {
            _parents[rootB] = rootA;
        }
    }
}
