using System.Text;

namespace SemanticCache.PgVector.Tests;

/// <summary>Builds cache entries for tests.</summary>
internal static class TestEntries
{
    public static readonly DateTimeOffset Start = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static SemanticCacheEntry Create(
        string key,
        float[] vector,
        string scope = "scope-a",
        string partition = "",
        DateTimeOffset? expiresAt = null,
        string[]? tags = null,
        string? modelId = "model-1") => new()
        {
            Key = key,
            ScopeHash = scope,
            Partition = partition,
            EmbeddedText = "text of " + key,
            Vector = vector,
            Response = Encoding.UTF8.GetBytes("{\"answer\":\"" + key + "\"}"),
            CreatedAt = Start,
            ExpiresAt = expiresAt,
            Tags = tags ?? [],
            ModelId = modelId,
        };

    /// <summary>A deterministic pseudo-random vector.</summary>
    public static float[] RandomVector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }

    /// <summary>A unit vector along one axis.</summary>
    public static float[] Axis(int dimensions, int axis, float value = 1)
    {
        var vector = new float[dimensions];
        vector[axis] = value;
        return vector;
    }
}
