using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

/// <summary>Every component of the scope isolates: a request that differs in one of them never gets another's answer.</summary>
public sealed partial class SemanticCachingChatClientTests
{
    public static TheoryData<string> ScopeComponents() =>
    [
        "model id", "system prompt", "instructions", "temperature", "top-p", "top-k", "max tokens", "frequency penalty",
        "presence penalty", "seed", "stop sequences", "response format", "json schema", "tool mode", "tool name",
        "tool description", "tool schema", "tool added", "earlier history", "partition", "additional property",
        "author name", "reasoning",
    ];

    [Theory]
    [MemberData(nameof(ScopeComponents))]
    public async Task GetResponseAsync_RequestDiffersInOneScopeComponent_IsNotServedTheOthersAnswer(string component)
    {
        using var h = new CacheHarness(o => o.SimilarityThreshold = 0.01);
        var (baseMessages, baseOptions) = BaseRequest();
        var (messages, options) = BaseRequest();
        Vary(component, messages, options);

        await h.Client.GetResponseAsync(baseMessages, baseOptions, Ct);
        var other = await h.Client.GetResponseAsync(messages, options, Ct);
        var again = await h.Client.GetResponseAsync(BaseRequest().Messages, BaseRequest().Options, Ct);

        Assert.Null(other.GetSemanticCacheHit());
        Assert.NotNull(again.GetSemanticCacheHit());
        Assert.Equal(2, h.Inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_InnerDefaultModelDiffers_IsNotServedTheOthersAnswer()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var store = new InMemorySemanticCacheStore(timeProvider: time);
        var embeddings = new TestEmbeddingGenerator();
        var innerA = new TestChatClient { Metadata = new ChatClientMetadata("p", null, "model-a") };
        var innerB = new TestChatClient { Metadata = new ChatClientMetadata("p", null, "model-b") };
        using var clientA = new SemanticCachingChatClient(innerA, store, embeddings, timeProvider: time);
        using var clientB = new SemanticCachingChatClient(innerB, store, embeddings, timeProvider: time);

        await clientA.GetResponseAsync(CacheHarness.Prompt("Summarise the plot of Hamlet."), null, Ct);
        var fromB = await clientB.GetResponseAsync(CacheHarness.Prompt("Summarise the plot of Hamlet."), null, Ct);
        var fromA = await clientA.GetResponseAsync(CacheHarness.Prompt("Summarise the plot of Hamlet."), null, Ct);

        Assert.Null(fromB.GetSemanticCacheHit());
        Assert.NotNull(fromA.GetSemanticCacheHit());
        Assert.Equal(1, innerA.Calls);
        Assert.Equal(1, innerB.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_VolatileMessageFieldsDiffer_StillExactHit()
    {
        using var h = new CacheHarness();
        var first = BaseRequest();
        var second = BaseRequest();
        foreach (var (message, i) in second.Messages.Select((m, i) => (m, i)))
        {
            message.MessageId = $"id-{i}-{Guid.NewGuid()}";
            message.CreatedAt = new DateTimeOffset(2030, 1, 1, 0, 0, i, TimeSpan.Zero);
            message.RawRepresentation = new object();
        }

        second.Options.AdditionalProperties![SemanticCacheRequestKeys.Tags] = new[] { "ignored-by-scope" };

        await h.Client.GetResponseAsync(first.Messages, first.Options, Ct);
        var hit = await h.Client.GetResponseAsync(second.Messages, second.Options, Ct);

        Assert.Equal(SemanticCacheHitKind.Exact, hit.GetSemanticCacheHit()!.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_TwoEmbeddedUserMessages_EarlierUserTextComparedByMeaning()
    {
        using var h = new CacheHarness(o =>
        {
            o.EmbeddedUserMessageCount = 2;
            o.SimilarityThreshold = 0.99;
        });
        List<ChatMessage> Conversation(string first) =>
            [new(ChatRole.User, first), new(ChatRole.Assistant, "Which city?"), new(ChatRole.User, "Paris")];

        await h.Client.GetResponseAsync(Conversation("weather forecast"), null, Ct);
        var reordered = await h.Client.GetResponseAsync(Conversation("forecast weather"), null, Ct);
        var different = await h.Client.GetResponseAsync(Conversation("hotel prices"), null, Ct);

        Assert.Equal(SemanticCacheHitKind.Semantic, reordered.GetSemanticCacheHit()!.Kind);
        Assert.Null(different.GetSemanticCacheHit());
    }

    [Fact]
    public async Task GetResponseAsync_CustomSelector_EmbedsWhatItReturns()
    {
        using var h = new CacheHarness(o => o.EmbeddedTextSelector = messages => messages[^1].Text.Split(':')[^1]);

        await h.Client.GetResponseAsync(CacheHarness.Prompt("ticket 1: printer is broken"), null, Ct);
        var hit = await h.Client.GetResponseAsync(CacheHarness.Prompt("ticket 2: printer is broken"), null, Ct);

        Assert.Equal(SemanticCacheHitKind.Exact, hit.GetSemanticCacheHit()!.Kind);
    }

    private static (List<ChatMessage> Messages, ChatOptions Options) BaseRequest()
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "You are a terse assistant."),
            new(ChatRole.User, "Hi"),
            new(ChatRole.Assistant, "Hello!"),
            new(ChatRole.User, "What is the boiling point of water?"),
        };
        var options = new ChatOptions
        {
            ModelId = "gpt-x",
            Instructions = "Answer in one sentence.",
            Temperature = 0.2f,
            TopP = 0.9f,
            TopK = 40,
            MaxOutputTokens = 100,
            FrequencyPenalty = 0.1f,
            PresencePenalty = 0.1f,
            Seed = 7,
            StopSequences = ["END"],
            ResponseFormat = ChatResponseFormat.Text,
            ToolMode = ChatToolMode.Auto,
            Tools = [AIFunctionFactory.Create(([Description("a city")] string city) => city, "get_weather", "Gets the weather.")],
            AdditionalProperties = new AdditionalPropertiesDictionary { ["provider_flag"] = "on" },
        };
        return (messages, options);
    }

    private static void Vary(string component, List<ChatMessage> messages, ChatOptions options)
    {
        switch (component)
        {
            case "model id": options.ModelId = "gpt-y"; break;
            case "system prompt": messages[0] = new ChatMessage(ChatRole.System, "You are a verbose assistant."); break;
            case "instructions": options.Instructions = "Answer in French."; break;
            case "temperature": options.Temperature = 0.3f; break;
            case "top-p": options.TopP = 0.8f; break;
            case "top-k": options.TopK = 41; break;
            case "max tokens": options.MaxOutputTokens = 101; break;
            case "frequency penalty": options.FrequencyPenalty = 0.2f; break;
            case "presence penalty": options.PresencePenalty = 0.2f; break;
            case "seed": options.Seed = 8; break;
            case "stop sequences": options.StopSequences = ["STOP"]; break;
            case "response format": options.ResponseFormat = ChatResponseFormat.Json; break;
            case "json schema":
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""").RootElement, "answer");
                break;
            case "tool mode": options.ToolMode = ChatToolMode.RequireAny; break;
            case "tool name": options.Tools = [AIFunctionFactory.Create(([Description("a city")] string city) => city, "get_forecast", "Gets the weather.")]; break;
            case "tool description": options.Tools = [AIFunctionFactory.Create(([Description("a city")] string city) => city, "get_weather", "Gets the weather in Celsius.")]; break;
            case "tool schema": options.Tools = [AIFunctionFactory.Create(([Description("a city")] string city, int days) => city, "get_weather", "Gets the weather.")]; break;
            case "tool added":
                options.Tools!.Add(AIFunctionFactory.Create(() => "now", "get_time", "Gets the time."));
                break;
            case "earlier history": messages[2] = new ChatMessage(ChatRole.Assistant, "Hey there!"); break;
            case "partition": options.WithSemanticCachePartition("tenant-2"); break;
            case "additional property": options.AdditionalProperties!["provider_flag"] = "off"; break;
            case "author name": messages[1].AuthorName = "alice"; break;
            case "reasoning": options.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High }; break;
            default: throw new ArgumentOutOfRangeException(nameof(component), component, null);
        }
    }
}
