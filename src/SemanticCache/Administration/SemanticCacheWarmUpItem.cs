using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>A prompt/response pair for <see cref="ISemanticCache.WarmUpAsync"/>.</summary>
public sealed class SemanticCacheWarmUpItem
{
    /// <summary>Initializes a new instance of the <see cref="SemanticCacheWarmUpItem"/> class from a conversation and its answer.</summary>
    /// <param name="messages">The request messages, ending with the user message to embed.</param>
    /// <param name="response">The answer to serve.</param>
    /// <param name="options">The request options that scope the entry (model id, system instructions, tools...).</param>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> or <paramref name="response"/> is <see langword="null"/>.</exception>
    public SemanticCacheWarmUpItem(IReadOnlyList<ChatMessage> messages, ChatResponse response, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(response);
        Messages = messages;
        Response = response;
        Options = options;
    }

    /// <summary>Initializes a new instance of the <see cref="SemanticCacheWarmUpItem"/> class from a single user prompt and an answer text.</summary>
    /// <param name="prompt">The user prompt.</param>
    /// <param name="answer">The assistant's answer.</param>
    /// <param name="options">The request options that scope the entry (model id, system instructions, tools...).</param>
    /// <exception cref="ArgumentNullException"><paramref name="prompt"/> or <paramref name="answer"/> is <see langword="null"/>.</exception>
    public SemanticCacheWarmUpItem(string prompt, string answer, ChatOptions? options = null)
        : this(
            [new ChatMessage(ChatRole.User, prompt ?? throw new ArgumentNullException(nameof(prompt)))],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, answer ?? throw new ArgumentNullException(nameof(answer)))) { FinishReason = ChatFinishReason.Stop },
            options)
    {
    }

    /// <summary>Gets the request messages.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Gets the answer to serve.</summary>
    public ChatResponse Response { get; }

    /// <summary>Gets the request options that scope the entry; per-request controls (TTL, tags, partition) apply too.</summary>
    public ChatOptions? Options { get; }
}
