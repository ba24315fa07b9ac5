using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SemanticCache.Benchmarks.Support;

/// <summary>
/// The simulated model of the benchmarks: it answers every prompt after a configurable latency (default none), so that
/// what is measured is the cache's own cost, not an LLM's.
/// </summary>
public sealed class ScriptedChatClient(TimeSpan latency = default) : IChatClient
{
    public const string DefaultModel = "simulated-model";

    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public static ChatResponse Answer(string text) =>
        new(new ChatMessage(ChatRole.Assistant, text) { MessageId = "m" })
        {
            FinishReason = ChatFinishReason.Stop,
            ModelId = DefaultModel,
            Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 48, TotalTokenCount = 60 },
        };

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        }

        return Answer($"Simulated answer to: {messages.LastOrDefault()?.Text}");
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("simulated", null, DefaultModel) : null;

    public void Dispose()
    {
    }
}
