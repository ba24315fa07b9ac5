using SemanticCache.ConformanceTests;

namespace SemanticCache.Tests;

/// <summary>The store contract, run against the in-memory store.</summary>
public sealed class InMemorySemanticCacheStoreConformanceTests : SemanticCacheStoreConformanceTests
{
    protected override ValueTask<ISemanticCacheStore> CreateStoreAsync(TimeProvider timeProvider, int dimensions) =>
        ValueTask.FromResult<ISemanticCacheStore>(new InMemorySemanticCacheStore(new InMemorySemanticCacheStoreOptions { Dimensions = dimensions }, timeProvider));
}
