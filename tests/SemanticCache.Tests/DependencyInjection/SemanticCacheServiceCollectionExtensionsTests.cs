using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SemanticCache.Tests;

public sealed class SemanticCacheServiceCollectionExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddSemanticCache_WithChatClientPipeline_SharesOneCacheAcrossClients()
    {
        var services = new ServiceCollection();
        var embeddings = new TestEmbeddingGenerator();
        services.AddSemanticCache(o => o.SimilarityThreshold = 0.8).UseEmbeddingGenerator(embeddings);
        var innerA = new TestChatClient();
        var innerB = new TestChatClient();
        using var provider = services.BuildServiceProvider(validateScopes: true);

        using var clientA = new ChatClientBuilder(innerA).UseSemanticCache().Build(provider);
        using var clientB = new ChatClientBuilder(innerB).UseSemanticCache().Build(provider);
        await clientA.GetResponseAsync(CacheHarness.Prompt("shared question"), null, Ct);
        var fromB = await clientB.GetResponseAsync(CacheHarness.Prompt("shared question"), null, Ct);

        Assert.NotNull(fromB.GetSemanticCacheHit());
        Assert.Equal(0, innerB.Calls);
        Assert.IsType<InMemorySemanticCacheStore>(provider.GetRequiredKeyedService<ISemanticCacheStore>(SemanticCacheBuilderExtensions.ServiceKey));
        Assert.Equal(1, provider.GetRequiredService<ISemanticCache>().GetStatistics().Hits);
        Assert.Equal(0.8, clientA.GetService<SemanticCachingChatClient>()!.Options.SimilarityThreshold);
    }

    [Fact]
    public async Task UseStore_And_UseL1_AreHonoured()
    {
        var services = new ServiceCollection();
        var store = new TestStore();
        services.AddSemanticCache().UseStore(store).UseEmbeddingGenerator(new TestEmbeddingGenerator()).UseL1(o => o.MaxEntries = 5);
        using var provider = services.BuildServiceProvider();
        using var client = new ChatClientBuilder(new TestChatClient()).UseSemanticCache().Build(provider);

        await client.GetResponseAsync(CacheHarness.Prompt("q"), null, Ct);
        var hit = await client.GetResponseAsync(CacheHarness.Prompt("q"), null, Ct);

        Assert.Equal(SemanticCacheTier.L1, hit.GetSemanticCacheHit()!.Tier);
        Assert.Equal(1, await store.CountAsync(Ct));
        Assert.Equal(5, provider.GetRequiredService<IOptions<SemanticCacheOptions>>().Value.L1!.MaxEntries);
    }

    [Fact]
    public async Task UseSemanticCache_WithExplicitDependencies_BuildsItsOwnCacheWithoutDi()
    {
        var store = new InMemorySemanticCacheStore();
        using var client = new ChatClientBuilder(new TestChatClient())
            .UseSemanticCache(store, new TestEmbeddingGenerator(), o => o.DefaultTimeToLive = TimeSpan.FromMinutes(1))
            .Build();

        await client.GetResponseAsync(CacheHarness.Prompt("q"), null, Ct);

        Assert.Equal(1, await store.CountAsync(Ct));
        Assert.Equal(TimeSpan.FromMinutes(1), client.GetService<SemanticCachingChatClient>()!.Options.DefaultTimeToLive);
    }

    [Fact]
    public void UseSemanticCache_NoEmbeddingGenerator_ThrowsActionableMessage()
    {
        var services = new ServiceCollection();
        services.AddSemanticCache();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => new ChatClientBuilder(new TestChatClient()).UseSemanticCache().Build(provider));

        Assert.Contains("UseOnnxEmbeddings", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSemanticCache_InvalidOptions_FailAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSemanticCache(o =>
        {
            o.SimilarityThreshold = 2;
            o.DefaultTimeToLive = TimeSpan.FromMinutes(-5);
        }).UseEmbeddingGenerator(new TestEmbeddingGenerator());
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(ex.Failures, f => f.Contains("SimilarityThreshold", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("DefaultTimeToLive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseInMemoryStore_InvalidOptions_FailAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSemanticCache().UseInMemoryStore(o => o.MaxEntries = 0).UseEmbeddingGenerator(new TestEmbeddingGenerator());
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(ex.Failures, f => f.Contains("MaxEntries", StringComparison.Ordinal));
    }

    [Fact]
    public void Extensions_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddSemanticCache());
        Assert.Throws<ArgumentNullException>(() => ((ChatClientBuilder)null!).UseSemanticCache());
        var builder = new ServiceCollection().AddSemanticCache();
        Assert.Throws<ArgumentNullException>(() => builder.UseStore((ISemanticCacheStore)null!));
        Assert.Throws<ArgumentNullException>(() => builder.UseEmbeddingGenerator((IEmbeddingGenerator<string, Embedding<float>>)null!));
    }
}
