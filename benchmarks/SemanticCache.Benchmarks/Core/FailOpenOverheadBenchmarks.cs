using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks.Core;

/// <summary>
/// What the fail-open machinery (lookup budget and its cancellation sources, circuit-breaker check, retry wrapper,
/// telemetry) adds to an exact hit: the engine's lookup against the same store read and response decoding done bare.
/// </summary>
[MemoryDiagnoser]
public class FailOpenOverheadBenchmarks
{
    private InMemorySemanticCacheStore _store = null!;
    private SemanticCacheEngine _engine = null!;
    private CanonicalRequest _request = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = new InMemorySemanticCacheStore();
        _engine = new SemanticCacheEngine(_store, new HashingEmbeddingGenerator(), new SemanticCacheOptions());
        _request = _engine.Canonicalizer.Canonicalize([new ChatMessage(ChatRole.User, "What is the capital of France?")], null, "model-x", string.Empty)!;
        await _store.UpsertAsync(_engine.CreateEntry(_request, ScriptedChatClient.Answer("Paris."), null, [], new float[384]));
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Baseline = true, Description = "bare store get + decode")]
    public async Task<ChatResponse?> BareExactHit()
    {
        var entry = await _store.GetAsync(_request.Key);
        return JsonSerializer.Deserialize(entry!.Response.Span, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponse))) as ChatResponse;
    }

    [Benchmark(Description = "engine lookup (timeout, breaker, retry, telemetry)")]
    public async Task<ChatResponse?> GuardedExactHit() => (await _engine.LookupAsync(_request, 0.9, CancellationToken.None)).Response;
}
