using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

/// <summary>What is not cached by default, and how each rule is overridden.</summary>
public sealed partial class SemanticCachingChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_ResponseWithFunctionCall_IsNotStored()
    {
        using var h = new CacheHarness();
        h.Inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" })]))
        { FinishReason = ChatFinishReason.ToolCalls });

        await h.AskAsync("Weather in Oslo?");
        await h.AskAsync("Weather in Oslo?");

        Assert.Equal(2, h.Inner.Calls);
        Assert.Equal(0, await h.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task GetResponseAsync_ResponseWithFunctionCall_StoredWhenOptedIn()
    {
        using var h = new CacheHarness(o =>
        {
            o.CacheResponsesWithToolCalls = true;
            o.CacheableFinishReasons.Add(ChatFinishReason.ToolCalls);
        });
        h.Inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" })]))
        { FinishReason = ChatFinishReason.ToolCalls });

        await h.AskAsync("Weather in Oslo?");
        var hit = await h.AskAsync("Weather in Oslo?");

        Assert.NotNull(hit.GetSemanticCacheHit());
        Assert.IsType<FunctionCallContent>(Assert.Single(hit.Messages[0].Contents));
    }

    [Fact]
    public async Task GetResponseAsync_TruncatedResponse_IsNotStored()
    {
        using var h = new CacheHarness();
        h.Inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer("cut off mid", ChatFinishReason.Length));

        await h.AskAsync("Write an essay.");
        await h.AskAsync("Write an essay.");

        Assert.Equal(2, h.Inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_ContentFilteredResponse_IsNotStored()
    {
        using var h = new CacheHarness();
        h.Inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer("…", ChatFinishReason.ContentFilter));

        await h.AskAsync("q");
        await h.AskAsync("q");

        Assert.Equal(2, h.Inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_EmptyResponse_IsNotStored()
    {
        using var h = new CacheHarness();
        h.Inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer("   "));

        await h.AskAsync("q");
        await h.AskAsync("q");

        Assert.Equal(2, h.Inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_ConversationIdSet_BypassesCache()
    {
        using var h = new CacheHarness();
        var options = new ChatOptions { ConversationId = "thread-1" };

        await h.AskAsync("q", options);
        await h.AskAsync("q", options);

        Assert.Equal(2, h.Inner.Calls);
        Assert.Equal(0, await h.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task GetResponseAsync_ConversationIdSet_CachedWhenOptedIn()
    {
        using var h = new CacheHarness(o => o.CacheRequestsWithConversationId = true);
        var options = new ChatOptions { ConversationId = "thread-1" };

        await h.AskAsync("q", options);
        var hit = await h.AskAsync("q", options);

        Assert.NotNull(hit.GetSemanticCacheHit());
    }

    [Fact]
    public async Task GetResponseAsync_LastMessageNotFromUser_BypassesCache()
    {
        using var h = new CacheHarness();
        List<ChatMessage> messages = [new(ChatRole.User, "Weather?"), new(ChatRole.Tool, [new FunctionResultContent("call-1", "sunny")])];

        await h.Client.GetResponseAsync(messages, null, Ct);
        await h.Client.GetResponseAsync(messages, null, Ct);

        Assert.Equal(2, h.Inner.Calls);
    }

    [Fact]
    public async Task EnableCaching_Overridden_DecidesPerRequest()
    {
        var inner = new TestChatClient();
        using var client = new NeverCachingClient(inner);

        await client.GetResponseAsync(CacheHarness.Prompt("q"), null, Ct);
        await client.GetResponseAsync(CacheHarness.Prompt("q"), null, Ct);

        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Hit_ReplaysChunkedTextWithRolesAndFinishReason()
    {
        using var h = new CacheHarness(o => o.StreamingReplayChunkSize = 5);
        var text = "The quick brown fox jumps over the lazy dog.";
        h.Inner.GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer(text));

        await h.AskAsync("fox?");
        var updates = await h.AskStreamingAsync("fox?");

        Assert.Equal(1, h.Inner.Calls);
        var textUpdates = updates.Where(u => u.Contents.OfType<TextContent>().Any()).ToList();
        Assert.Equal((text.Length + 4) / 5, textUpdates.Count);
        Assert.All(textUpdates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.All(textUpdates, u => Assert.Equal("msg-1", u.MessageId));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal(SemanticCacheHitKind.Exact, updates[^1].GetSemanticCacheHit()!.Kind);
        var coalesced = updates.ToChatResponse();
        Assert.Equal(text, coalesced.Text);
        Assert.Equal(0, coalesced.Usage!.TotalTokenCount);
        Assert.Single(coalesced.Messages);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Miss_StreamsThroughAndStoresForNonStreamingCalls()
    {
        using var h = new CacheHarness();
        h.Inner.GetStreamingResponseAsyncCallback = (_, _, ct) => Stream(["Hel", "lo ", "world"], ct);

        var streamed = await h.AskStreamingAsync("greet");
        var hit = await h.AskAsync("greet");

        Assert.Equal(["Hel", "lo ", "world"], streamed.Select(u => u.Text).Where(t => t.Length > 0));
        Assert.Equal("Hello world", hit.Text);
        Assert.NotNull(hit.GetSemanticCacheHit());
        Assert.Equal(1, h.Inner.Calls);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamFailsMidway_NothingStored()
    {
        using var h = new CacheHarness();
        h.Inner.GetStreamingResponseAsyncCallback = (_, _, ct) => Stream(["partial"], ct, failAfter: true);

        await Assert.ThrowsAsync<IOException>(() => h.AskStreamingAsync("q"));

        Assert.Equal(0, await h.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConsumerStopsEarly_NothingStored()
    {
        using var h = new CacheHarness();
        h.Inner.GetStreamingResponseAsyncCallback = (_, _, ct) => Stream(["a", "b", "c"], ct);

        await foreach (var update in h.Client.GetStreamingResponseAsync(CacheHarness.Prompt("q"), null, Ct))
        {
            break;
        }

        Assert.Equal(0, await h.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Cancelled_NothingStoredAndCancellationPropagates()
    {
        using var h = new CacheHarness();
        using var cts = new CancellationTokenSource();
        h.Inner.GetStreamingResponseAsyncCallback = (_, _, ct) => Stream(["a", "b", "c"], ct, onYield: cts.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in h.Client.GetStreamingResponseAsync(CacheHarness.Prompt("q"), null, cts.Token))
            {
            }
        });

        Assert.Equal(0, await h.Store.CountAsync(Ct));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_NonStreamingEntry_ServedAsSemanticHitToStream()
    {
        using var h = new CacheHarness(o => o.SimilarityThreshold = 0.5);

        await h.AskAsync("how to boil an egg");
        var updates = await h.AskStreamingAsync("how to boil eggs");

        Assert.Equal(SemanticCacheHitKind.Semantic, updates[^1].GetSemanticCacheHit()!.Kind);
        Assert.Equal(1, h.Inner.Calls);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Stream(
        string[] parts, [EnumeratorCancellation] CancellationToken cancellationToken, bool failAfter = false, Action? onYield = null)
    {
        foreach (var part in parts)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, part) { MessageId = "m1" };
            onYield?.Invoke();
        }

        if (failAfter)
        {
            throw new IOException("connection reset");
        }

        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop };
    }

    private sealed class NeverCachingClient(IChatClient inner)
        : SemanticCachingChatClient(inner, new InMemorySemanticCacheStore(), new TestEmbeddingGenerator())
    {
        protected override bool EnableCaching(IReadOnlyList<ChatMessage> messages, ChatOptions? options) => false;
    }
}
