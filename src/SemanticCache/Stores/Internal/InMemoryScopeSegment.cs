using System.Numerics.Tensors;

namespace SemanticCache;

/// <summary>
/// The entries of one scope with their normalised vectors in one contiguous array, so a search scans only its own
/// scope and streams through memory. Removal swaps the last entry into the hole, keeping the array dense.
/// </summary>
internal sealed class InMemoryScopeSegment(int dimensions)
{
    private float[] _vectors = new float[dimensions * 4];
    private InMemoryNode[] _nodes = new InMemoryNode[4];

    public int Count { get; private set; }

    public int Dimensions { get; } = dimensions;

    public ReadOnlySpan<float> VectorAt(int index) => _vectors.AsSpan(index * Dimensions, Dimensions);

    public InMemoryNode NodeAt(int index) => _nodes[index];

    public void Add(InMemoryNode node, ReadOnlySpan<float> vector)
    {
        if (Count == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
            Array.Resize(ref _vectors, _vectors.Length * 2);
        }

        node.Index = Count;
        _nodes[Count] = node;
        Normalize(vector, _vectors.AsSpan(Count * Dimensions, Dimensions));
        Count++;
    }

    public void Replace(InMemoryNode oldNode, InMemoryNode newNode, ReadOnlySpan<float> vector)
    {
        newNode.Index = oldNode.Index;
        _nodes[oldNode.Index] = newNode;
        Normalize(vector, _vectors.AsSpan(oldNode.Index * Dimensions, Dimensions));
    }

    public void Remove(InMemoryNode node)
    {
        var last = Count - 1;
        if (node.Index != last)
        {
            var moved = _nodes[last];
            _nodes[node.Index] = moved;
            _vectors.AsSpan(last * Dimensions, Dimensions).CopyTo(_vectors.AsSpan(node.Index * Dimensions, Dimensions));
            moved.Index = node.Index;
        }

        _nodes[last] = null!;
        Count--;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> scaled to unit length (a zero vector stays zero).</summary>
    public static void Normalize(ReadOnlySpan<float> source, Span<float> destination)
    {
        var norm = TensorPrimitives.Norm(source);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(source, norm, destination);
        }
        else
        {
            destination.Clear();
        }
    }
}
