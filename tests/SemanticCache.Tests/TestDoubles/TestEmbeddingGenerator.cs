using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

/// <summary>
/// A deterministic embedding generator: texts registered with <see cref="Set"/> get exactly that vector; any other text
/// gets a normalised bag of its lowercase words hashed into the dimensions, so rewordings are similar and unrelated
/// texts are not.
/// </summary>
public sealed class TestEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Dictionary<string, float[]> _fixed = new(StringComparer.Ordinal);
    private int _calls;
    private int _inputs;

    public TestEmbeddingGenerator(int dimensions = 64) => Dimensions = dimensions;

    public int Dimensions { get; }

    /// <summary>Gets the number of calls.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Gets the number of texts embedded.</summary>
    public int Inputs => Volatile.Read(ref _inputs);

    /// <summary>Gets or sets a hook run before each call (to fail or delay it).</summary>
    public Func<IReadOnlyList<string>, CancellationToken, Task>? BeforeGenerate { get; set; }

    public TestEmbeddingGenerator Set(string text, float[] vector)
    {
        _fixed[text] = vector;
        return this;
    }

    public static float[] Bag(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', '?', '!', '.', ',', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            vector[(int)((uint)StableHash(word) % (uint)dimensions)] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _inputs, texts.Count);
        if (BeforeGenerate is { } hook)
        {
            await hook(texts, cancellationToken);
        }

        return new GeneratedEmbeddings<Embedding<float>>(
            texts.Select(t => new Embedding<float>(_fixed.TryGetValue(t, out var v) ? v : Bag(t, Dimensions))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static int StableHash(string word)
    {
        var hash = 17;
        foreach (var c in word)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
