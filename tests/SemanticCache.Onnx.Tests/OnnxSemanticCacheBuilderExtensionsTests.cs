using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SemanticCache.Onnx.Tests;

public sealed class OnnxSemanticCacheBuilderExtensionsTests
{
    [Fact]
    public async Task UseOnnxEmbeddings_Configured_RegistersTheGeneratorUnderTheCacheKey()
    {
        string folder = TestModels.Require(TestModels.StandIn);
        var services = new ServiceCollection();

        new TestSemanticCacheBuilder(services).UseOnnxEmbeddings(o =>
        {
            o.ModelDirectory = folder;
            o.ModelId = "stand-in";
        });
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        var generator = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(SemanticCacheBuilderExtensions.ServiceKey);
        Embedding<float> embedding = await generator.GenerateAsync("A man is eating food.", cancellationToken: TestContext.Current.CancellationToken);

        Assert.IsType<OnnxEmbeddingGenerator>(generator);
        Assert.Same(generator, provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(SemanticCacheBuilderExtensions.ServiceKey));
        Assert.Equal("stand-in", embedding.ModelId);
        Assert.Equal(384, embedding.Vector.Length);
        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>()); // the app's own generator slot stays free
    }

    [Fact]
    public async Task UseOnnxEmbeddings_WithAddSemanticCache_ServesAParaphraseFromTheCache()
    {
        // End to end with the real QQP-trained model: cos("How do I learn C# quickly?", "What is the fastest way to learn C#?")
        // is 0.840 (golden-similarities.jsonl), and an unrelated question is far below the threshold.
        string folder = TestModels.Require(TestModels.QqpStatic);
        var services = new ServiceCollection();
        services.AddSemanticCache(o =>
        {
            o.SimilarityThreshold = 0.8;
            o.LookupTimeout = TimeSpan.FromSeconds(30); // the model loads on the first lookup
        }).UseOnnxEmbeddings(o => o.ModelDirectory = folder);
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var inner = new CountingChatClient();
        using IChatClient client = new ChatClientBuilder(inner).UseSemanticCache().Build(provider);

        ChatResponse first = await client.GetResponseAsync("How do I learn C# quickly?", cancellationToken: TestContext.Current.CancellationToken);
        ChatResponse paraphrase = await client.GetResponseAsync("What is the fastest way to learn C#?", cancellationToken: TestContext.Current.CancellationToken);
        ChatResponse unrelated = await client.GetResponseAsync("How can I lose weight fast?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("answer 1", first.Text);
        Assert.Equal("answer 1", paraphrase.Text);
        Assert.Equal("answer 2", unrelated.Text);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task UseOnnxEmbeddings_UnderAHost_ModelIsLoadedWhenTheHostHasStarted()
    {
        string folder = TestModels.Require(TestModels.QqpStatic);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSemanticCache().UseOnnxEmbeddings(o => o.ModelDirectory = folder);
        using IHost host = builder.Build();
        var generator = (OnnxEmbeddingGenerator)host.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(SemanticCacheBuilderExtensions.ServiceKey);
        Assert.Null(generator.Dimensions); // nothing loaded yet

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(384, generator.Dimensions);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void UseOnnxEmbeddings_InvalidOptions_FailStartupValidation()
    {
        var services = new ServiceCollection();
        new TestSemanticCacheBuilder(services).UseOnnxEmbeddings(o => o.MaxBatchSize = 0);
        using ServiceProvider provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MaxBatchSize", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseOnnxEmbeddings_ProviderDisposed_DisposesTheGenerator()
    {
        var services = new ServiceCollection();
        new TestSemanticCacheBuilder(services).UseOnnxEmbeddings(o => o.ModelDirectory = TestModels.Require(TestModels.StandIn));
        ServiceProvider provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(SemanticCacheBuilderExtensions.ServiceKey);

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["x"], cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void UseOnnxEmbeddings_CalledTwice_KeepsOneGeneratorAndOneValidator()
    {
        var services = new ServiceCollection();
        var builder = new TestSemanticCacheBuilder(services);

        builder.UseOnnxEmbeddings().UseOnnxEmbeddings(o => o.MaxBatchSize = 8);

        Assert.Single(services, d => d.IsKeyedService && d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<OnnxEmbeddingGeneratorOptions>));
    }

    [Fact]
    public void UseOnnxEmbeddings_NullBuilder_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => OnnxSemanticCacheBuilderExtensions.UseOnnxEmbeddings(null!));
    }
}
