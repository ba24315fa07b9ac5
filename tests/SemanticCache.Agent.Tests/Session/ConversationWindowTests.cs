using Microsoft.Extensions.AI;

namespace SemanticCache.Agent.Tests;

public sealed class ConversationWindowTests
{
    [Fact]
    public void AddUser_BeyondCapacity_DropsTheOldestMessages()
    {
        var window = new ConversationWindow(4);
        window.AddUser("u1");
        window.AddAnswer([new ChatMessage(ChatRole.Assistant, "a1")]);
        window.AddUser("u2");
        window.AddAnswer([new ChatMessage(ChatRole.Assistant, "a2")]);
        window.AddUser("u3");

        Assert.Equal(["u2", "a2", "u3"], window.Messages.Select(m => m.Text));
    }

    [Fact]
    public void AddUser_TrimmedWindow_AlwaysStartsWithTheUser()
    {
        var window = new ConversationWindow(2);
        window.AddUser("u1");
        window.AddAnswer([new ChatMessage(ChatRole.Assistant, "a1")]);
        window.AddUser("u2");

        Assert.Equal(ChatRole.User, window.Messages[0].Role);
        Assert.Equal(["u2"], window.Messages.Select(m => m.Text));
    }

    [Fact]
    public void AddUser_CapacityOne_KeepsOnlyThePrompt()
    {
        var window = new ConversationWindow(1);
        window.AddUser("u1");
        window.AddAnswer([new ChatMessage(ChatRole.Assistant, "a1")]);
        window.AddUser("u2");

        Assert.Equal(["u2"], window.Messages.Select(m => m.Text));
    }

    [Fact]
    public void DropLastUser_AfterAFailedRequest_RemovesTheUnansweredPrompt()
    {
        var window = new ConversationWindow(10);
        window.AddUser("u1");
        window.AddAnswer([new ChatMessage(ChatRole.Assistant, "a1")]);
        window.AddUser("u2");

        window.DropLastUser();

        Assert.Equal(["u1", "a1"], window.Messages.Select(m => m.Text));
    }

    [Fact]
    public void Clear_StartsANewConversation()
    {
        var window = new ConversationWindow(10);
        window.AddUser("u1");

        window.Clear();

        Assert.Empty(window.Messages);
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConversationWindow(0));
    }
}
