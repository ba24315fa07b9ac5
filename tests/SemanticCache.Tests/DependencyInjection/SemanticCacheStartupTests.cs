using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace SemanticCache.Tests;

/// <summary>The hosted warm-up registered by AddSemanticCache: the embedding model loads before the first request.</summary>
public sealed class SemanticCacheStartupTests
{
    private const string Question = "how do i cook rice in a pot";
    private const string Paraphrase = "how do i cook rice in a pan";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HostStart_SlowLoadingModel_FirstRequestAfterARestartIsAHitOnlyWhenWarmedUp(bool warmUp)
    {
        // The first process fills a store that outlives it (as pgvector or ScyllaDB would).
        var store = new InMemorySemanticCacheStore();
        using (var first = BuildHost(store, new TestEmbeddingGenerator(), warmUp: false))
        {
            await first.StartAsync(Ct);
            await AskAsync(first, Question);
            await first.StopAsync(Ct);
        }

        // The restarted process's model takes longer to load than the lookup timeout allows.
        var cold = new TestEmbeddingGenerator();
        cold.BeforeGenerate = (_, ct) => cold.Calls == 1 ? Task.Delay(TimeSpan.FromMilliseconds(1500), ct) : Task.CompletedTask;
        using var restarted = BuildHost(store, cold, warmUp);
        await restarted.StartAsync(Ct);

        var response = await AskAsync(restarted, Paraphrase);

        var statistics = restarted.Services.GetRequiredService<ISemanticCache>().GetStatistics();
        if (warmUp)
        {
            Assert.Equal(SemanticCacheHitKind.Semantic, response.GetSemanticCacheHit()?.Kind);
            Assert.Equal(0, statistics.Count(SemanticCacheLookupResult.Timeout));
        }
        else
        {
            Assert.Null(response.GetSemanticCacheHit());
            Assert.Equal(1, statistics.Count(SemanticCacheLookupResult.Timeout));
        }
    }

    [Fact]
    public async Task HostStart_WarmUp_EmbedsOneTextAndLogsReadiness()
    {
        var embeddings = new TestEmbeddingGenerator();
        var logs = new FakeLoggerProvider();
        using var host = BuildHost(new InMemorySemanticCacheStore(), embeddings, warmUp: true, logs);

        await host.StartAsync(Ct);

        Assert.Equal(1, embeddings.Calls);
        Assert.Contains(logs.Collector.GetSnapshot(), r => r.Id.Id == 15 && r.Level == LogLevel.Information);
    }

    [Fact]
    public async Task HostStart_FailingGenerator_StartsTheHostAndWarns()
    {
        var embeddings = new TestEmbeddingGenerator { BeforeGenerate = (_, _) => throw new InvalidOperationException("model file missing") };
        var logs = new FakeLoggerProvider();
        using var host = BuildHost(new InMemorySemanticCacheStore(), embeddings, warmUp: true, logs);

        await host.StartAsync(Ct);

        var warning = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 16);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("model file missing", warning.Exception?.Message);
    }

    [Fact]
    public async Task WarmUp_GeneratorThatHangs_GivesUpAtTheTimeoutAndWarns()
    {
        using var h = new CacheHarness();
        h.Embeddings.BeforeGenerate = (_, ct) => Task.Delay(Timeout.InfiniteTimeSpan, ct);

        var warmUp = h.Client.Engine.WarmUpEmbeddingGeneratorAsync(SemanticCacheStartup.WarmUpTimeout, Ct);
        Assert.False(warmUp.IsCompleted);
        h.Time.Advance(SemanticCacheStartup.WarmUpTimeout);
        await warmUp.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var warning = Assert.Single(h.Logs.GetSnapshot(), r => r.Id.Id == 16);
        Assert.IsType<TimeoutException>(warning.Exception);
    }

    [Fact]
    public async Task HostStart_NoGeneratorRegistered_StartsTheHostAndWarns()
    {
        var builder = Host.CreateApplicationBuilder();
        var logs = new FakeLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSemanticCache();
        using var host = builder.Build();

        await host.StartAsync(Ct);

        var warning = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 17);
        Assert.Contains("UseOnnxEmbeddings", warning.Exception?.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(ISemanticCacheStore store, TestEmbeddingGenerator embeddings, bool warmUp, FakeLoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddSemanticCache(o =>
        {
            o.SimilarityThreshold = 0.5;
            o.LookupTimeout = TimeSpan.FromMilliseconds(300);
            o.WarmUpEmbeddingGeneratorOnStart = warmUp;
        }).UseStore(store).UseEmbeddingGenerator(embeddings);
        builder.Services.AddChatClient(new TestChatClient()).UseSemanticCache();
        return builder.Build();
    }

    private static Task<ChatResponse> AskAsync(IHost host, string text) =>
        host.Services.GetRequiredService<IChatClient>().GetResponseAsync(CacheHarness.Prompt(text), null, Ct);
}
