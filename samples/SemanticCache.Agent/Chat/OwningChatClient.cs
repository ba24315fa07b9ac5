using Microsoft.Extensions.AI;

namespace SemanticCache.Agent;

/// <summary>A chat client that also disposes the SDK client it was made from (the <c>AsIChatClient</c> adapters do not).</summary>
internal sealed class OwningChatClient : DelegatingChatClient
{
    private readonly IDisposable _owned;

    public OwningChatClient(IChatClient innerClient, IDisposable owned)
        : base(innerClient)
    {
        _owned = owned;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _owned.Dispose();
        }
    }
}
