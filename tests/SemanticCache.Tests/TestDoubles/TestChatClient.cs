using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

/// <summary>A scripted chat client: answers with callbacks and counts the calls that reached it.</summary>
public sealed class TestChatClient : IChatClient
{
    private int _calls;

    /// <summary>Gets the number of calls (streaming or not) that reached the model.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Gets or sets the non-streaming answer; by default it echoes the last user message.</summary>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> GetResponseAsyncCallback { get; set; } =
        (messages, _, _) => Task.FromResult(Answer($"answer to: {messages[^1].Text}"));

    /// <summary>Gets or sets the streaming answer; by default it streams the non-streaming answer word by word.</summary>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? GetStreamingResponseAsyncCallback { get; set; }

    /// <summary>Gets or sets the metadata the client reports (its default model id scopes entries).</summary>
    public ChatClientMetadata Metadata { get; set; } = new("test", null, "test-model");

    public static ChatResponse Answer(string text, ChatFinishReason? finishReason = null) =>
        new(new ChatMessage(ChatRole.Assistant, text) { MessageId = "msg-1" })
        {
            FinishReason = finishReason ?? ChatFinishReason.Stop,
            ModelId = "test-model",
            ResponseId = "resp-1",
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 20, TotalTokenCount = 30 },
        };

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return await GetResponseAsyncCallback(messages.ToList(), options, cancellationToken);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var list = messages.ToList();
        if (GetStreamingResponseAsyncCallback is { } streaming)
        {
            await foreach (var update in streaming(list, options, cancellationToken).WithCancellation(cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var response = await GetResponseAsyncCallback(list, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }
}
