using SemanticCache.ConformanceTests;

namespace SemanticCache.Scylla.Tests;

/// <summary>
/// The store conformance suite against a real cluster named by <c>SEMANTICCACHE_TEST_SCYLLA</c> (see
/// <see cref="ScyllaLiveSettings"/>); every test is reported as skipped when it is not set, also under CI.
/// </summary>
/// <remarks>
/// Each test gets the same table, emptied first. ScyllaDB's vector index follows writes through CDC (about a second,
/// up to 30 s), so searches are retried within <see cref="SearchConsistencyWindow"/>.
/// </remarks>
public sealed class ScyllaLiveConformanceTests : SemanticCacheStoreConformanceTests
{
    private readonly ScyllaLiveSettings? _settings = ScyllaLiveSettings.FromEnvironment();

    protected override TimeSpan SearchConsistencyWindow => _settings?.SearchWindow ?? TimeSpan.Zero;

    protected override async ValueTask<ISemanticCacheStore> CreateStoreAsync(TimeProvider timeProvider, int dimensions)
    {
        if (_settings is null)
        {
            Assert.Skip($"{ScyllaLiveSettings.VariableName} is not set; the live ScyllaDB/Cassandra suite needs a cluster (see the package README).");
        }

        var store = new ScyllaSemanticCacheStore(_settings.CreateOptions(dimensions), timeProvider);
        try
        {
            await store.InitializeAsync(TestContext.Current.CancellationToken);
            await store.ClearAsync(TestContext.Current.CancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
