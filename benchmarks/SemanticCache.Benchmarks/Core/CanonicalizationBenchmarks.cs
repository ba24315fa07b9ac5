using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace SemanticCache.Benchmarks.Core;

/// <summary>
/// The cost of reducing a request to its scope hash and exact key, for a short and a long conversation, compared with
/// Microsoft.Extensions.AI's own cache key (<see cref="AIJsonUtilities.HashDataToString"/> over messages and options).
/// </summary>
[MemoryDiagnoser]
public class CanonicalizationBenchmarks
{
    private readonly RequestCanonicalizer _canonicalizer = new(new SemanticCacheOptions());
    private List<ChatMessage> _messages = null!;
    private ChatOptions _options = null!;

    [Params("short", "long")]
    public string Conversation { get; set; } = "short";

    [GlobalSetup]
    public void Setup()
    {
        _options = new ChatOptions
        {
            ModelId = "model-x",
            Temperature = 0.3f,
            MaxOutputTokens = 500,
            Tools = [AIFunctionFactory.Create((string city) => city, "get_weather", "Gets the weather for a city.")],
        };
        _messages = [new(ChatRole.System, "You are a helpful assistant that answers briefly.")];
        var turns = Conversation == "short" ? 0 : 25;
        for (var i = 0; i < turns; i++)
        {
            _messages.Add(new ChatMessage(ChatRole.User, $"Question number {i}: tell me something about topic {i} in two sentences."));
            _messages.Add(new ChatMessage(ChatRole.Assistant, $"Answer number {i}: here are two sentences about topic {i}. They are short."));
        }

        _messages.Add(new ChatMessage(ChatRole.User, "And what is the capital of France?"));
    }

    [Benchmark(Baseline = true, Description = "MEAI cache key (HashDataToString)")]
    public string MeaiKey() => AIJsonUtilities.HashDataToString([_messages, _options], AIJsonUtilities.DefaultOptions);

    [Benchmark(Description = "SemanticCache scope + exact key")]
    public string? SemanticCacheKey() => _canonicalizer.Canonicalize(_messages, _options, "model-x", string.Empty)?.Key;
}
