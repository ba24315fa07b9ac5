using Microsoft.Extensions.AI;

namespace SemanticCache.Benchmarks;

/// <summary>Creates the embedding generator of a run for a model folder, ready to embed.</summary>
public delegate Task<IEmbeddingGenerator<string, Embedding<float>>> EmbeddingGeneratorFactory(EmbeddingModel model, CancellationToken cancellationToken);
