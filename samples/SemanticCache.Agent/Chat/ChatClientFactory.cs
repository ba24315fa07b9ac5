using System.ClientModel;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OpenAI;

namespace SemanticCache.Agent;

/// <summary>Creates the client of the model server the settings name.</summary>
internal static class ChatClientFactory
{
    /// <summary>
    /// The key sent to an OpenAI-compatible server at a custom endpoint when none is configured: local model servers
    /// ignore it, but the OpenAI client refuses to send a request without one.
    /// </summary>
    internal const string KeylessServerKey = "no-key";

    /// <summary>Tells whether the settings hold the credentials their provider needs.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>A message saying what is missing, or <see langword="null"/> when nothing is.</returns>
    public static string? MissingCredential(AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.IsNullOrEmpty(settings.ApiKey.Value))
        {
            return null;
        }

        return settings.Provider.Value switch
        {
            ChatProvider.Anthropic =>
                $"No Anthropic API key: pass --anthropic-api-key or set {AgentEnvironmentVariables.AnthropicApiKey}.",
            ChatProvider.OpenAI when settings.Endpoint.Value is null =>
                $"No OpenAI API key: pass --openai-api-key or set {AgentEnvironmentVariables.OpenAIApiKey} (a local server at --endpoint needs none).",
            _ => null,
        };
    }

    /// <summary>Creates the model client; the caller owns it.</summary>
    /// <param name="settings">Settings whose credentials are present (see <see cref="MissingCredential"/>).</param>
    /// <returns>The client.</returns>
    public static IChatClient Create(AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider.Value switch
        {
            ChatProvider.Anthropic => CreateAnthropic(settings),
            ChatProvider.OpenAI => CreateOpenAI(settings),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider.Value, "Unknown provider."),
        };
    }

    /// <summary>Gets how the model's answers are labelled.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The label.</returns>
    public static string AnswerLabel(ChatProvider provider) => provider == ChatProvider.Anthropic ? "Claude's response" : "Model response";

    private static OwningChatClient CreateAnthropic(AgentSettings settings)
    {
        // Setting the key explicitly also stops the SDK from reading ANTHROPIC_API_KEY itself, so the agent's precedence holds.
        var options = new ClientOptions { ApiKey = settings.ApiKey.Value };
        if (settings.Endpoint.Value is { } endpoint)
        {
            options.BaseUrl = endpoint.AbsoluteUri.TrimEnd('/');
        }

        var client = new AnthropicClient(options);
        try
        {
            return new OwningChatClient(client.AsIChatClient(settings.Model.Value, settings.MaxTokens.Value), client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static IChatClient CreateOpenAI(AgentSettings settings)
    {
        var options = new OpenAIClientOptions();
        if (settings.Endpoint.Value is { } endpoint)
        {
            options.Endpoint = endpoint;
        }

        var credential = new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey.Value) ? KeylessServerKey : settings.ApiKey.Value);
        return new OpenAI.Chat.ChatClient(settings.Model.Value, credential, options).AsIChatClient();
    }
}
