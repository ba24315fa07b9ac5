using Microsoft.Extensions.DependencyInjection;

namespace SemanticCache;

/// <summary>
/// Configures the semantic cache registered by
/// <c>AddSemanticCache</c>.
/// Store and embedding packages extend it (<c>UseInMemoryStore</c>, <c>UsePgVector</c>, <c>UseScylla</c>, <c>UseOnnxEmbeddings</c>).
/// </summary>
public interface ISemanticCacheBuilder
{
    /// <summary>Gets the service collection the cache is registered in.</summary>
    IServiceCollection Services { get; }
}
