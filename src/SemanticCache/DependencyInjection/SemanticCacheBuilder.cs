using Microsoft.Extensions.DependencyInjection;

namespace SemanticCache;

/// <summary>The <see cref="ISemanticCacheBuilder"/> returned by <see cref="SemanticCacheServiceCollectionExtensions.AddSemanticCache"/>.</summary>
internal sealed class SemanticCacheBuilder(IServiceCollection services) : ISemanticCacheBuilder
{
    public IServiceCollection Services { get; } = services;
}
