namespace SemanticCache.Agent.Tests;

/// <summary>A request the loopback Messages API accepted.</summary>
/// <param name="Model">The model id.</param>
/// <param name="MaxTokens">The <c>max_tokens</c> value.</param>
/// <param name="Stream">Whether an SSE stream was asked for.</param>
/// <param name="Messages">The conversation as (role, text) pairs.</param>
internal sealed record RecordedRequest(string Model, int MaxTokens, bool Stream, IReadOnlyList<(string Role, string Text)> Messages)
{
    public string LastUserText => Messages.Last(m => m.Role == "user").Text;
}
