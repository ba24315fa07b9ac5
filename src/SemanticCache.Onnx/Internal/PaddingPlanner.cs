namespace SemanticCache.Onnx;

/// <summary>
/// Cuts inputs sorted by length into inference runs so that the total cost is lowest, with the cost of one run modelled as
/// a fixed part (in token equivalents) plus one unit per padded token: <c>fixed + count × longest</c>. Cheap-to-start
/// models keep everything in one run; models whose cost grows with tokens get length-homogeneous runs instead of padding
/// short inputs to the longest one. Stateless and thread-safe.
/// </summary>
internal static class PaddingPlanner
{
    /// <summary>Plans the runs for inputs whose lengths are sorted ascending.</summary>
    /// <param name="sortedLengths">The token counts, ascending.</param>
    /// <param name="maxRunSize">The most inputs in one run.</param>
    /// <param name="fixedCostInTokens">The fixed cost of one run, expressed in padded tokens.</param>
    /// <returns>The size of each run, in order; they add up to the number of inputs.</returns>
    public static int[] Plan(ReadOnlySpan<int> sortedLengths, int maxRunSize, double fixedCostInTokens)
    {
        int count = sortedLengths.Length;
        if (count == 0)
        {
            return [];
        }

        // best[j] = lowest cost of the first j inputs; a run ending at input j-1 pads to sortedLengths[j - 1].
        double[] best = new double[count + 1];
        int[] runStart = new int[count + 1];
        for (int end = 1; end <= count; end++)
        {
            best[end] = double.MaxValue;
            double longest = sortedLengths[end - 1];
            for (int start = Math.Max(0, end - maxRunSize); start < end; start++)
            {
                double cost = best[start] + fixedCostInTokens + ((end - start) * longest);
                if (cost < best[end])
                {
                    best[end] = cost;
                    runStart[end] = start;
                }
            }
        }

        var sizes = new List<int>();
        for (int end = count; end > 0; end = runStart[end])
        {
            sizes.Add(end - runStart[end]);
        }

        sizes.Reverse();
        return [.. sizes];
    }
}
