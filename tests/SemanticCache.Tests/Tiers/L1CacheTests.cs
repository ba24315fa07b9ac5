using System.Text;

namespace SemanticCache.Tests;

public sealed class L1CacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Set_OverEntryBound_Lru_EvictsLeastRecentlyUsed()
    {
        var l1 = new L1Cache(new SemanticCacheL1Options { MaxEntries = 2, MaxBytes = null });
        l1.Set(Entry("a"), Now);
        l1.Set(Entry("b"), Now);
        Assert.True(l1.TryGet("a", Now, out _));

        l1.Set(Entry("c"), Now);

        Assert.True(l1.TryGet("a", Now, out _));
        Assert.False(l1.TryGet("b", Now, out _));
        Assert.True(l1.TryGet("c", Now, out _));
    }

    [Fact]
    public void Set_OverEntryBound_Lfu_EvictsLeastFrequentlyUsedButNeverTheNewcomer()
    {
        var l1 = new L1Cache(new SemanticCacheL1Options { MaxEntries = 2, MaxBytes = null, EvictionPolicy = SemanticCacheEvictionPolicy.Lfu });
        l1.Set(Entry("a"), Now);
        l1.Set(Entry("b"), Now);
        for (var i = 0; i < 3; i++)
        {
            l1.TryGet("b", Now, out _);
        }

        l1.TryGet("a", Now, out _);

        l1.Set(Entry("c"), Now);

        Assert.False(l1.TryGet("a", Now, out _));
        Assert.True(l1.TryGet("b", Now, out _));
        Assert.True(l1.TryGet("c", Now, out _));
    }

    [Fact]
    public void Set_OverEntryBound_TtlOnly_EvictsTheSoonestToExpire()
    {
        var l1 = new L1Cache(new SemanticCacheL1Options { MaxEntries = 2, MaxBytes = null, MaxTimeToLive = null, EvictionPolicy = SemanticCacheEvictionPolicy.TtlOnly });
        l1.Set(Entry("late") with { ExpiresAt = Now.AddHours(5) }, Now);
        l1.Set(Entry("soon") with { ExpiresAt = Now.AddMinutes(5) }, Now);
        l1.TryGet("soon", Now, out _);

        l1.Set(Entry("new") with { ExpiresAt = Now.AddHours(1) }, Now);

        Assert.False(l1.TryGet("soon", Now, out _));
        Assert.True(l1.TryGet("late", Now, out _));
        Assert.True(l1.TryGet("new", Now, out _));
    }

    [Fact]
    public void Set_OverByteBound_EvictsUntilWithinBound()
    {
        var l1 = new L1Cache(new SemanticCacheL1Options { MaxEntries = null, MaxBytes = 20_000 });
        for (var i = 0; i < 10; i++)
        {
            l1.Set(Entry($"k{i}", responseBytes: 4_000), Now);
        }

        Assert.True(l1.Bytes <= 20_000, $"{l1.Bytes} bytes");
        Assert.InRange(l1.Count, 3, 4);
        Assert.True(l1.TryGet("k9", Now, out _));
        Assert.False(l1.TryGet("k0", Now, out _));
    }

    [Fact]
    public void Set_EntryLargerThanTheTier_IsNotAdmitted()
    {
        var l1 = new L1Cache(new SemanticCacheL1Options { MaxBytes = 2_000 });
        l1.Set(Entry("small"), Now);

        l1.Set(Entry("huge", responseBytes: 10_000), Now);

        Assert.False(l1.TryGet("huge", Now, out _));
        Assert.True(l1.TryGet("small", Now, out _));
    }

    [Fact]
    public void TryGet_AfterEntryExpiryOrMaxTimeToLive_Misses()
    {
        var l1 = new L1Cache(new SemanticCacheL1Options { MaxTimeToLive = TimeSpan.FromMinutes(1) });
        l1.Set(Entry("capped") with { ExpiresAt = Now.AddHours(1) }, Now);
        l1.Set(Entry("own") with { ExpiresAt = Now.AddSeconds(30) }, Now);

        Assert.False(l1.TryGet("own", Now.AddSeconds(30), out _));
        Assert.True(l1.TryGet("capped", Now.AddSeconds(59), out _));
        Assert.False(l1.TryGet("capped", Now.AddMinutes(1), out _));
    }

    [Fact]
    public void RemoveWhere_And_Clear_EvictMatchingEntries()
    {
        var l1 = new L1Cache(new SemanticCacheL1Options());
        l1.Set(Entry("a") with { Tags = ["x"] }, Now);
        l1.Set(Entry("b") with { Partition = "p" }, Now);
        l1.Set(Entry("c"), Now);

        Assert.Equal(1, l1.RemoveWhere(e => e.Tags.Contains("x")));
        Assert.True(l1.Remove("b"));
        Assert.Equal(1, l1.Count);
        l1.Clear();
        Assert.Equal(0, l1.Count);
        Assert.Equal(0, l1.Bytes);
    }

    private static SemanticCacheEntry Entry(string key, int responseBytes = 100) => new()
    {
        Key = key,
        ScopeHash = "s",
        EmbeddedText = "t",
        Vector = new float[4],
        Response = Encoding.UTF8.GetBytes(new string('x', responseBytes)),
        CreatedAt = Now,
        ExpiresAt = Now.AddDays(1),
    };
}
