using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks.Core;

/// <summary>
/// A semantic hit with a precomputed embedding (so only the cache's own work is measured) against the in-memory store
/// at 1k, 10k and 100k entries in the request's scope, compared with a plain loop computing cosine over the same vectors.
/// </summary>
[MemoryDiagnoser]
public class SemanticHitBenchmarks
{
    private const int Dimensions = 384;
    private readonly List<ChatMessage> _query = [new(ChatRole.User, "query prompt")];
    private float[][] _vectors = null!;
    private float[] _queryVector = null!;
    private IChatClient _client = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var random = new Random(42);
        _vectors = Enumerable.Range(0, Entries).Select(_ => RandomUnit(random)).ToArray();
        _queryVector = (float[])_vectors[Entries / 2].Clone();
        _queryVector[0] += 0.01f; // near, not identical: a semantic hit, not an exact one

        var store = new InMemorySemanticCacheStore(new InMemorySemanticCacheStoreOptions { MaxEntries = Entries + 1 });
        var generator = new PrecomputedEmbeddingGenerator(_queryVector);
        _client = new SemanticCachingChatClient(new ScriptedChatClient(), store, generator, new SemanticCacheOptions { SimilarityThreshold = 0.9 });

        // Populate through the real write path of one scope, then replace vectors with the prepared ones.
        var engine = ((SemanticCachingChatClient)_client).Engine;
        var request = engine.Canonicalizer.Canonicalize(_query, null, ScriptedChatClient.DefaultModel, string.Empty)!;
        var response = ScriptedChatClient.Answer("cached answer");
        for (var i = 0; i < Entries; i++)
        {
            var entry = engine.CreateEntry(request with { Key = $"key-{i}", EmbeddedText = $"prompt {i}" }, response, null, [], _vectors[i]);
            await store.UpsertAsync(entry);
        }

        var probe = await _client.GetResponseAsync(_query);
        if (probe.GetSemanticCacheHit()?.Kind != SemanticCacheHitKind.Semantic)
        {
            throw new InvalidOperationException("The benchmark set-up does not produce a semantic hit.");
        }
    }

    [Benchmark(Baseline = true, Description = "plain cosine loop")]
    public int PlainCosineLoop()
    {
        var best = -1;
        var bestSimilarity = float.MinValue;
        for (var i = 0; i < _vectors.Length; i++)
        {
            var similarity = TensorPrimitives.CosineSimilarity(_vectors[i], _queryVector);
            if (similarity > bestSimilarity)
            {
                (best, bestSimilarity) = (i, similarity);
            }
        }

        return best;
    }

    [Benchmark(Description = "SemanticCachingChatClient semantic hit")]
    public Task<ChatResponse> SemanticHit() => _client.GetResponseAsync(_query);

    private static float[] RandomUnit(Random random)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }
}
