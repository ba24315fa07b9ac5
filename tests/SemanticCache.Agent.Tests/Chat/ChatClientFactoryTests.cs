using System.Text.Json;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;

namespace SemanticCache.Agent.Tests;

public sealed class ChatClientFactoryTests
{
    [Fact]
    public void DefaultModel_IsTheWireIdOfTheSdksCurrentSonnet()
    {
        var parameters = new MessageCreateParams { MaxTokens = 1, Messages = [new UserMessageParam("x")], Model = Model.ClaudeSonnet5_5 };

        using var json = JsonDocument.Parse(parameters.ToString());

        Assert.Equal(AgentDefaults.AnthropicModel, json.RootElement.GetProperty("BodyData").GetProperty("model").GetString());
    }

    [Fact]
    public void MissingCredential_AnthropicWithoutKey_SaysHowToGiveOne()
    {
        var message = ChatClientFactory.MissingCredential(Settings(["-p", "x"]));

        Assert.Equal("No Anthropic API key: pass --anthropic-api-key or set ANTHROPIC_API_KEY.", message);
    }

    [Fact]
    public void MissingCredential_OpenAIAtALocalEndpoint_NeedsNoKey()
    {
        Assert.Null(ChatClientFactory.MissingCredential(Settings(["-p", "x", "--provider", "openai", "--model", "m", "--endpoint", "http://127.0.0.1:1/v1"])));
    }

    [Fact]
    public void MissingCredential_OpenAIWithoutEndpointOrKey_SaysHowToGiveOne()
    {
        var message = ChatClientFactory.MissingCredential(Settings(["-p", "x", "--provider", "openai", "--model", "m"]));

        Assert.StartsWith("No OpenAI API key", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AnthropicClient_ReportsTheProviderEndpointAndModel()
    {
        using var client = ChatClientFactory.Create(Settings(["-p", "x", "--anthropic-api-key", "k", "--endpoint", "http://127.0.0.1:7/", "-m", "claude-x"]));

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("anthropic", metadata.ProviderName);
        Assert.Equal("claude-x", metadata.DefaultModelId);
        Assert.Equal(new Uri("http://127.0.0.1:7/"), metadata.ProviderUri);
    }

    [Fact]
    public void Create_OpenAIClient_ReportsTheEndpointAndModel()
    {
        using var client = ChatClientFactory.Create(Settings(["-p", "x", "--provider", "openai", "--endpoint", "http://127.0.0.1:8/v1", "-m", "local-model"]));

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("local-model", metadata.DefaultModelId);
        Assert.Equal("127.0.0.1", metadata.ProviderUri?.Host);
        Assert.Equal(8, metadata.ProviderUri?.Port);
    }

    private static AgentSettings Settings(string[] args)
    {
        var commandLine = new AgentCommandLine();
        return AgentSettingsResolver.Resolve(commandLine, commandLine.Parse(args), _ => null);
    }
}
