namespace SemanticCache.ConformanceTests;

/// <summary>Deterministic vectors for store tests, with the reference cosine similarity computed in plain C#.</summary>
public static class TestVectors
{
    /// <summary>Returns a pseudo-random unit vector determined by <paramref name="seed"/>.</summary>
    public static float[] Random(int seed, int dimensions)
    {
        var random = new Random(seed);
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return Normalize(vector);
    }

    /// <summary>Returns a unit vector close to <paramref name="origin"/>: its similarity to it falls as <paramref name="noise"/> grows.</summary>
    public static float[] Near(float[] origin, double noise, int seed)
    {
        var random = new Random(seed);
        var vector = new float[origin.Length];
        for (var i = 0; i < origin.Length; i++)
        {
            vector[i] = origin[i] + (float)(((random.NextDouble() * 2) - 1) * noise);
        }

        return Normalize(vector);
    }

    /// <summary>The cosine similarity of two vectors, computed in double precision.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    private static float[] Normalize(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }

        return vector;
    }
}
