using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

public sealed partial class SemanticCachingChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_SamePromptTwice_SecondIsExactHitWithoutEmbedding()
    {
        using var h = new CacheHarness();

        var first = await h.AskAsync("What is the capital of France?");
        var embeddingsAfterFirst = h.Embeddings.Inputs;
        var second = await h.AskAsync("What is the capital of France?");

        Assert.Null(first.GetSemanticCacheHit());
        var hit = second.GetSemanticCacheHit();
        Assert.NotNull(hit);
        Assert.Equal(SemanticCacheHitKind.Exact, hit.Kind);
        Assert.Equal(1.0, hit.Similarity);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(1, h.Inner.Calls);
        Assert.Equal(embeddingsAfterFirst, h.Embeddings.Inputs);
    }

    [Fact]
    public async Task GetResponseAsync_WhitespaceOnlyDifference_IsExactHit()
    {
        using var h = new CacheHarness();

        await h.AskAsync("What is  the capital\nof France?");
        var second = await h.AskAsync("  What is the capital of France?  ");

        Assert.Equal(SemanticCacheHitKind.Exact, second.GetSemanticCacheHit()!.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_SimilarPromptAboveThreshold_IsSemanticHit()
    {
        using var h = new CacheHarness(o => o.SimilarityThreshold = 0.8);
        h.Embeddings.Set("How do I reset my password?", Unit([1, 0, 0])).Set("How can I reset my password?", Unit([0.9f, 0.43589f, 0]));

        var first = await h.AskAsync("How do I reset my password?");
        var second = await h.AskAsync("How can I reset my password?");

        var hit = second.GetSemanticCacheHit();
        Assert.NotNull(hit);
        Assert.Equal(SemanticCacheHitKind.Semantic, hit.Kind);
        Assert.Equal(0.9, hit.Similarity, 1e-4);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(1, h.Inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_SimilarPromptBelowThreshold_IsMiss()
    {
        using var h = new CacheHarness(o => o.SimilarityThreshold = 0.95);
        h.Embeddings.Set("How do I reset my password?", Unit([1, 0, 0])).Set("How can I reset my password?", Unit([0.9f, 0.43589f, 0]));

        await h.AskAsync("How do I reset my password?");
        var second = await h.AskAsync("How can I reset my password?");

        Assert.Null(second.GetSemanticCacheHit());
        Assert.Equal(2, h.Inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_SimilarityExactlyAtThreshold_IsHit()
    {
        using var h = new CacheHarness(o => o.SimilarityThreshold = 0.5);
        h.Embeddings.Set("a b", Unit([1, 0])).Set("c d", Unit([1, 1]));

        await h.AskAsync("a b");
        var second = await h.AskAsync("c d");

        // cos 45° = 0.7071 ≥ 0.5: "a hit requires cosine similarity ≥ threshold".
        Assert.Equal(SemanticCacheHitKind.Semantic, second.GetSemanticCacheHit()!.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_Hit_ReportsZeroUsageAndKeepsOriginal()
    {
        using var h = new CacheHarness();

        await h.AskAsync("Explain TCP slow start.");
        var hit = await h.AskAsync("Explain TCP slow start.");

        Assert.Equal(0, hit.Usage!.TotalTokenCount);
        Assert.Equal(0, hit.Usage.InputTokenCount);
        var original = hit.GetSemanticCacheHit()!.OriginalUsage;
        Assert.NotNull(original);
        Assert.Equal(30, original.TotalTokenCount);
        Assert.Equal(SemanticCacheTier.Store, hit.GetSemanticCacheHit()!.Tier);
    }

    [Fact]
    public async Task GetResponseAsync_Hit_ReportsEntryKeyAndAge()
    {
        using var h = new CacheHarness();

        await h.AskAsync("Explain TCP slow start.");
        h.Time.Advance(TimeSpan.FromMinutes(3));
        var hit = (await h.AskAsync("Explain TCP slow start.")).GetSemanticCacheHit()!;

        Assert.Equal(TimeSpan.FromMinutes(3), hit.EntryAge);
        Assert.Equal(64, hit.EntryKey.Length);
        Assert.NotNull(await h.Store.GetAsync(hit.EntryKey, Ct));
    }

    [Fact]
    public async Task GetResponseAsync_Hit_PreservesResponseFields()
    {
        using var h = new CacheHarness();
        h.Inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(
        [
            new ChatMessage(ChatRole.Assistant, [new TextContent("part one "), new TextContent("part two")]) { MessageId = "m-42", AuthorName = "bot" },
        ])
        {
            FinishReason = ChatFinishReason.Stop,
            ModelId = "model-7",
            ResponseId = "r-9",
        });

        await h.AskAsync("q");
        var hit = await h.AskAsync("q");

        Assert.Equal("part one part two", hit.Text);
        Assert.Equal("m-42", hit.Messages[0].MessageId);
        Assert.Equal("bot", hit.Messages[0].AuthorName);
        Assert.Equal(ChatRole.Assistant, hit.Messages[0].Role);
        Assert.Equal("model-7", hit.ModelId);
        Assert.Equal("r-9", hit.ResponseId);
        Assert.Equal(ChatFinishReason.Stop, hit.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_InnerFails_ExceptionPropagatesAndNothingIsStored()
    {
        using var h = new CacheHarness();
        h.Inner.GetResponseAsyncCallback = (_, _, _) => throw new InvalidOperationException("model down");

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.AskAsync("q"));

        Assert.Equal(0, await h.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_CancellationPropagatesAndNothingIsStored()
    {
        using var h = new CacheHarness();
        using var cts = new CancellationTokenSource();
        h.Inner.GetResponseAsyncCallback = async (_, _, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return TestChatClient.Answer("never");
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GetResponseAsync(CacheHarness.Prompt("q"), null, cts.Token));

        Assert.Equal(0, await h.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task GetResponseAsync_DifferentPartitionsFromProvider_DoNotShare()
    {
        var tenant = "a";
        using var h = new CacheHarness(o => o.PartitionProvider = (_, _) => tenant);

        await h.AskAsync("q");
        tenant = "b";
        var other = await h.AskAsync("q");
        tenant = "a";
        var same = await h.AskAsync("q");

        Assert.Null(other.GetSemanticCacheHit());
        Assert.NotNull(same.GetSemanticCacheHit());
        Assert.Equal(2, h.Inner.Calls);
    }

    [Fact]
    public async Task GetService_ISemanticCache_ReturnsTheCacheAdministration()
    {
        using var h = new CacheHarness();

        var cache = h.Client.GetService<ISemanticCache>();

        Assert.NotNull(cache);
        Assert.Same(h.Client.Cache, cache);
        Assert.Same(h.Client, h.Client.GetService<SemanticCachingChatClient>());
    }

    [Fact]
    public void Ctor_InvalidOptions_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            new SemanticCachingChatClient(new TestChatClient(), new InMemorySemanticCacheStore(), new TestEmbeddingGenerator(), new SemanticCacheOptions { SimilarityThreshold = 1.5 }));
        Assert.Contains("SimilarityThreshold", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cosine similarity", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.2)]
    [InlineData(double.NaN)]
    public void Ctor_BadThreshold_Throws(double threshold)
    {
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            new SemanticCachingChatClient(new TestChatClient(), new InMemorySemanticCacheStore(), new TestEmbeddingGenerator(), new SemanticCacheOptions { SimilarityThreshold = threshold }));
    }

    [Fact]
    public void Ctor_NegativeTimeToLive_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            new SemanticCachingChatClient(new TestChatClient(), new InMemorySemanticCacheStore(), new TestEmbeddingGenerator(), new SemanticCacheOptions { DefaultTimeToLive = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("DefaultTimeToLive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new SemanticCachingChatClient(null!, new InMemorySemanticCacheStore(), new TestEmbeddingGenerator()));
        Assert.Throws<ArgumentNullException>(() => new SemanticCachingChatClient(new TestChatClient(), null!, new TestEmbeddingGenerator()));
        Assert.Throws<ArgumentNullException>(() => new SemanticCachingChatClient(new TestChatClient(), new InMemorySemanticCacheStore(), null!));
    }

    internal static float[] Unit(float[] values)
    {
        var vector = new float[64];
        values.CopyTo(vector, 0);
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }
}
