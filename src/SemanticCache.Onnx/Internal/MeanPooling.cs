using System.Numerics.Tensors;

namespace SemanticCache.Onnx;

/// <summary>
/// Sentence-transformers pooling: the mean of the token vectors over the attention mask, then (optionally) L2
/// normalisation, vectorised with <see cref="TensorPrimitives"/>. Stateless and thread-safe.
/// </summary>
internal static class MeanPooling
{
    // torch.nn.functional.normalize's default eps: a zero vector stays zero instead of becoming NaN.
    private const float NormEpsilon = 1e-12f;

    /// <summary>Pools a batch of token vectors.</summary>
    /// <param name="hidden">The model output, row-major <c>[batch, sequenceLength, dimension]</c>.</param>
    /// <param name="sequenceLength">The padded sequence length of the batch.</param>
    /// <param name="dimension">The vector dimension.</param>
    /// <param name="lengths">Per item, the number of attended positions; they come first (padding is on the right).</param>
    /// <param name="normalize">Whether to L2-normalise each pooled vector.</param>
    /// <param name="destination">Receives one vector per item, row-major <c>[batch, dimension]</c>.</param>
    public static void Pool(ReadOnlySpan<float> hidden, int sequenceLength, int dimension, ReadOnlySpan<int> lengths, bool normalize, Span<float> destination)
    {
        int batch = lengths.Length;
        if (hidden.Length != batch * sequenceLength * dimension)
        {
            throw new ArgumentException($"Expected {batch} x {sequenceLength} x {dimension} values, got {hidden.Length}.", nameof(hidden));
        }

        if (destination.Length < batch * dimension)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; {batch * dimension} are needed.", nameof(destination));
        }

        for (int item = 0; item < batch; item++)
        {
            int length = lengths[item];
            if (length < 1 || length > sequenceLength)
            {
                throw new ArgumentOutOfRangeException(nameof(lengths), length, $"Lengths must be between 1 and {sequenceLength}.");
            }

            Span<float> target = destination.Slice(item * dimension, dimension);
            ReadOnlySpan<float> rows = hidden.Slice(item * sequenceLength * dimension, length * dimension);
            rows[..dimension].CopyTo(target);
            for (int position = 1; position < length; position++)
            {
                TensorPrimitives.Add(target, rows.Slice(position * dimension, dimension), target);
            }

            TensorPrimitives.Divide(target, length, target);
            if (normalize)
            {
                TensorPrimitives.Divide(target, Math.Max(TensorPrimitives.Norm(target), NormEpsilon), target);
            }
        }
    }
}
