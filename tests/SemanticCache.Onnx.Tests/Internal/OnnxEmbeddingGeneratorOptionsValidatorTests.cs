using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace SemanticCache.Onnx.Tests;

public sealed class OnnxEmbeddingGeneratorOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(OnnxEmbeddingGeneratorOptionsValidator.Instance.Validate(null, new OnnxEmbeddingGeneratorOptions()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.ModelDirectory))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.ModelFileName))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.VocabularyFileName))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.ModelId))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.MaxSequenceLength))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.MaxBatchSize))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.MicroBatchMaxDelay))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.EmbeddingCacheCapacity))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.IntraOpNumThreads))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.GraphOptimizationLevel))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.ModelSource))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.DownloadBaseAddress))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.CacheDirectory))]
    [InlineData(nameof(OnnxEmbeddingGeneratorOptions.DownloadTimeout))]
    public void Validate_BadValue_FailsNamingTheOption(string option)
    {
        var options = new OnnxEmbeddingGeneratorOptions();
        switch (option)
        {
            case nameof(options.ModelDirectory): options.ModelDirectory = " "; break;
            case nameof(options.ModelFileName): options.ModelFileName = "../model.onnx"; break;
            case nameof(options.VocabularyFileName): options.VocabularyFileName = "/etc/vocab.txt"; break;
            case nameof(options.ModelId): options.ModelId = ""; break;
            case nameof(options.MaxSequenceLength): options.MaxSequenceLength = 1; break;
            case nameof(options.MaxBatchSize): options.MaxBatchSize = 0; break;
            case nameof(options.MicroBatchMaxDelay): options.MicroBatchMaxDelay = TimeSpan.FromSeconds(2); break;
            case nameof(options.EmbeddingCacheCapacity): options.EmbeddingCacheCapacity = -1; break;
            case nameof(options.IntraOpNumThreads): options.IntraOpNumThreads = -1; break;
            case nameof(options.GraphOptimizationLevel): options.GraphOptimizationLevel = (GraphOptimizationLevel)42; break;
            case nameof(options.ModelSource): options.ModelSource = null!; break;
            case nameof(options.DownloadBaseAddress): options.DownloadBaseAddress = new Uri("ftp://example.org/"); break;
            case nameof(options.CacheDirectory): options.CacheDirectory = ""; break;
            case nameof(options.DownloadTimeout): options.DownloadTimeout = TimeSpan.Zero; break;
        }

        ValidateOptionsResult result = OnnxEmbeddingGeneratorOptionsValidator.Instance.Validate(null, options);

        Assert.True(result.Failed);
        string failure = Assert.Single(result.Failures!);
        Assert.Contains($"{nameof(OnnxEmbeddingGeneratorOptions)}.{option}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SourceWithoutTheVocabulary_FailsWhenDownloadIsAllowed()
    {
        var source = new OnnxModelSource("owner/model", "abc", [new OnnxModelFile("model.onnx", "model.onnx", new string('a', 64), 10)]);

        ValidateOptionsResult allowed = OnnxEmbeddingGeneratorOptionsValidator.Instance.Validate(null, new OnnxEmbeddingGeneratorOptions { ModelSource = source });
        ValidateOptionsResult offline = OnnxEmbeddingGeneratorOptionsValidator.Instance.Validate(null, new OnnxEmbeddingGeneratorOptions { ModelSource = source, AllowDownload = false });

        Assert.Contains("'vocab.txt'", Assert.Single(allowed.Failures!), StringComparison.Ordinal);
        Assert.True(offline.Succeeded);
    }

    [Fact]
    public void ThrowIfInvalid_SeveralProblems_ListsThemAll()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => OnnxEmbeddingGeneratorOptionsValidator.ThrowIfInvalid(
            new OnnxEmbeddingGeneratorOptions { MaxBatchSize = 0, EmbeddingCacheCapacity = -5, DownloadTimeout = TimeSpan.FromSeconds(-1) }));

        Assert.Equal(3, exception.Failures.Count());
        Assert.Equal(typeof(OnnxEmbeddingGeneratorOptions), exception.OptionsType);
    }
}
