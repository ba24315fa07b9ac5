using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SemanticCache.Scylla.Tests;

public sealed class ScyllaSemanticCacheBuilderExtensionsTests
{
    [Fact]
    public async Task UseScylla_RegistersTheStoreUnderTheCacheKeyWithTheConfiguredOptions()
    {
        await using var peer = CqlPeer.Start();
        var services = new ServiceCollection();
        services.AddSemanticCache().UseScylla(o =>
        {
            o.ContactPoints = [peer.ContactPoint];
            o.Dimensions = 4;
            o.Keyspace = "di_test";
            o.ConnectionsPerHost = 1;
        });
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredKeyedService<ISemanticCacheStore>(SemanticCacheBuilderExtensions.ServiceKey);
        await ((ScyllaSemanticCacheStore)store).InitializeAsync(TestContext.Current.CancellationToken);

        Assert.IsType<ScyllaSemanticCacheStore>(store);
        Assert.StartsWith("CREATE KEYSPACE IF NOT EXISTS di_test ", peer.Engine.Ddl.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseScylla_InvalidOptions_FailValidation()
    {
        var services = new ServiceCollection();
        services.AddSemanticCache().UseScylla(o => o.Table = "Bad Table");
        await using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ScyllaSemanticCacheStoreOptions>>().Value);

        Assert.Contains(exception.Failures, f => f.Contains("Dimensions", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.Contains("Table", StringComparison.Ordinal));
    }

    [Fact]
    public void UseScylla_CalledTwice_RegistersOneValidatorAndOneStore()
    {
        var services = new ServiceCollection();
        var builder = services.AddSemanticCache();

        builder.UseScylla(o => o.Dimensions = 4).UseScylla();

        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<ScyllaSemanticCacheStoreOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(ISemanticCacheStore) && Equals(d.ServiceKey, SemanticCacheBuilderExtensions.ServiceKey));
    }

    [Fact]
    public async Task UseScylla_DimensionsNotSet_AreTakenFromTheCachesEmbeddingGenerator()
    {
        var services = new ServiceCollection();
        services.AddSemanticCache()
            .UseEmbeddingGenerator(new DimensionsOnlyEmbeddingGenerator(12))
            .UseScylla(o => o.ContactPoints = ["127.0.0.1:1"]);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ScyllaSemanticCacheStoreOptions>>().Value;

        Assert.Equal(12, options.Dimensions);
    }

    [Fact]
    public async Task UseScylla_DimensionsSet_WinOverTheEmbeddingGenerator()
    {
        var services = new ServiceCollection();
        services.AddSemanticCache()
            .UseEmbeddingGenerator(new DimensionsOnlyEmbeddingGenerator(12))
            .UseScylla(o => o.Dimensions = 5);
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(5, provider.GetRequiredService<IOptions<ScyllaSemanticCacheStoreOptions>>().Value.Dimensions);
    }

    [Fact]
    public void UseScylla_NullBuilder_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ScyllaSemanticCacheBuilderExtensions.UseScylla(null!));
    }
}
