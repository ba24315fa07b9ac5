using Microsoft.Extensions.DependencyInjection;

namespace SemanticCache.Onnx.Tests;

/// <summary>The smallest <see cref="ISemanticCacheBuilder"/>: what <c>AddSemanticCache</c> hands to satellite packages.</summary>
internal sealed class TestSemanticCacheBuilder(IServiceCollection services) : ISemanticCacheBuilder
{
    public IServiceCollection Services { get; } = services;
}
