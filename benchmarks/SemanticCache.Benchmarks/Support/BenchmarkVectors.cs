using System.Numerics.Tensors;

namespace SemanticCache.Benchmarks.Support;

/// <summary>Random unit vectors for benchmarks.</summary>
public static class BenchmarkVectors
{
    public static float[] RandomUnit(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }
}
