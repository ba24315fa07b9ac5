namespace SemanticCache.Agent;

/// <summary>The kind of model server the agent talks to.</summary>
internal enum ChatProvider
{
    /// <summary>The Anthropic Messages API through the official <c>Anthropic</c> package.</summary>
    Anthropic,

    /// <summary>An OpenAI-compatible chat completions server (OpenAI itself or a local model server).</summary>
    OpenAI,
}
