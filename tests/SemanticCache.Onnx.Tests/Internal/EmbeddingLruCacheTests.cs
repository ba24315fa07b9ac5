namespace SemanticCache.Onnx.Tests;

public sealed class EmbeddingLruCacheTests
{
    [Fact]
    public void Set_BeyondCapacity_EvictsLeastRecentlyUsed()
    {
        var cache = new EmbeddingLruCache(2);
        cache.Set("a", [1]);
        cache.Set("b", [2]);
        Assert.True(cache.TryGet("a", out _)); // a is now the most recent

        cache.Set("c", [3]);

        Assert.True(cache.TryGet("a", out float[] a));
        Assert.Equal([1f], a);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Set_ExistingText_ReplacesVectorWithoutGrowing()
    {
        var cache = new EmbeddingLruCache(2);
        cache.Set("a", [1]);

        cache.Set("a", [9]);

        Assert.True(cache.TryGet("a", out float[] vector));
        Assert.Equal([9f], vector);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TryGet_IsOrdinal()
    {
        var cache = new EmbeddingLruCache(4);
        cache.Set("Text", [1]);

        Assert.False(cache.TryGet("text", out _));
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingLruCache(0));
    }

    [Fact]
    public async Task SetAndTryGet_Concurrently_StayWithinCapacity()
    {
        var cache = new EmbeddingLruCache(50);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                string key = $"{worker}-{i % 100}";
                cache.Set(key, [i]);
                cache.TryGet(key, out _);
            }
        })));

        Assert.Equal(50, cache.Count);
    }
}
