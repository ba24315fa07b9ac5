using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace SemanticCache.Tests;

/// <summary>A semantic caching client over test doubles and a real in-memory store, with a fake clock and collected logs.</summary>
public sealed class CacheHarness : IDisposable
{
    public CacheHarness(Action<SemanticCacheOptions>? configure = null, ISemanticCacheStore? store = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        Store = store ?? new InMemorySemanticCacheStore(timeProvider: Time);
        Options = new SemanticCacheOptions { CacheName = $"test-{Guid.NewGuid():N}" };
        configure?.Invoke(Options);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(LogProvider).SetMinimumLevel(LogLevel.Trace));
        Client = new SemanticCachingChatClient(Inner, Store, Embeddings, Options, LoggerFactory, Time);
    }

    public FakeTimeProvider Time { get; }

    public TestChatClient Inner { get; } = new();

    public TestEmbeddingGenerator Embeddings { get; } = new();

    public ISemanticCacheStore Store { get; }

    public SemanticCacheOptions Options { get; }

    public FakeLogCollector Logs => LogProvider.Collector;

    public SemanticCachingChatClient Client { get; }

    private FakeLoggerProvider LogProvider { get; } = new();

    private ILoggerFactory LoggerFactory { get; }

    public static List<ChatMessage> Prompt(string text, string? system = null)
    {
        var messages = new List<ChatMessage>();
        if (system is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, system));
        }

        messages.Add(new ChatMessage(ChatRole.User, text));
        return messages;
    }

    public Task<ChatResponse> AskAsync(string text, ChatOptions? options = null) => Client.GetResponseAsync(Prompt(text), options, TestContext.Current.CancellationToken);

    public async Task<List<ChatResponseUpdate>> AskStreamingAsync(string text, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Client.GetStreamingResponseAsync(Prompt(text), options, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        return updates;
    }

    public void Dispose()
    {
        Client.Dispose();
        LoggerFactory.Dispose();
        (Store as IDisposable)?.Dispose();
    }
}
