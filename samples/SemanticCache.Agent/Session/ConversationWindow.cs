using Microsoft.Extensions.AI;

namespace SemanticCache.Agent;

/// <summary>
/// The interactive mode's conversation: the last N messages, trimmed so that it always starts with a user message (the
/// Messages API refuses a conversation that starts with the assistant).
/// </summary>
internal sealed class ConversationWindow
{
    private readonly List<ChatMessage> _messages = [];
    private readonly int _capacity;

    public ConversationWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Gets the messages sent with the next request, oldest first.</summary>
    public IReadOnlyList<ChatMessage> Messages => _messages;

    public void AddUser(string text)
    {
        _messages.Add(new ChatMessage(ChatRole.User, text));
        Trim();
    }

    /// <summary>Adds the answer to the last user message.</summary>
    /// <param name="answer">The answer's messages.</param>
    public void AddAnswer(IEnumerable<ChatMessage> answer)
    {
        _messages.AddRange(answer);
        Trim();
    }

    /// <summary>Removes the last user message (its request failed, so it has no answer).</summary>
    public void DropLastUser()
    {
        if (_messages.Count > 0 && _messages[^1].Role == ChatRole.User)
        {
            _messages.RemoveAt(_messages.Count - 1);
        }
    }

    public void Clear() => _messages.Clear();

    private void Trim()
    {
        var remove = Math.Max(0, _messages.Count - _capacity);
        while (remove < _messages.Count - 1 && _messages[remove].Role != ChatRole.User)
        {
            remove++;
        }

        _messages.RemoveRange(0, remove);
    }
}
