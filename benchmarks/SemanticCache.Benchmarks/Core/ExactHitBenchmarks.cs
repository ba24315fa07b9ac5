using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks.Core;

/// <summary>
/// An exact hit through <see cref="SemanticCachingChatClient"/> against Microsoft.Extensions.AI's exact-match
/// <see cref="DistributedCachingChatClient"/> over <see cref="MemoryDistributedCache"/> (the baseline): same inner client,
/// same prompt, both warmed so every measured call is a hit.
/// </summary>
[MemoryDiagnoser]
public class ExactHitBenchmarks
{
    private readonly List<ChatMessage> _messages = [new(ChatRole.System, "You are a helpful assistant."), new(ChatRole.User, "What is the capital of France?")];
    private readonly ChatOptions _options = new() { ModelId = "model-x", Temperature = 0.2f };
    private IChatClient _meai = null!;
    private IChatClient _semantic = null!;
    private IChatClient _semanticWithL1 = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var inner = new ScriptedChatClient();
        _meai = new DistributedCachingChatClient(inner, new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        _semantic = new SemanticCachingChatClient(inner, new InMemorySemanticCacheStore(), new HashingEmbeddingGenerator());
        _semanticWithL1 = new SemanticCachingChatClient(inner, new InMemorySemanticCacheStore(), new HashingEmbeddingGenerator(), new SemanticCacheOptions { L1 = new SemanticCacheL1Options() });
        foreach (var client in new[] { _meai, _semantic, _semanticWithL1 })
        {
            await client.GetResponseAsync(_messages, _options);
        }
    }

    [Benchmark(Baseline = true, Description = "MEAI DistributedCachingChatClient")]
    public Task<ChatResponse> MeaiExactHit() => _meai.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "SemanticCachingChatClient (store)")]
    public Task<ChatResponse> SemanticExactHit() => _semantic.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "SemanticCachingChatClient (L1)")]
    public Task<ChatResponse> SemanticExactHitL1() => _semanticWithL1.GetResponseAsync(_messages, _options);
}
