using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace SemanticCache.Onnx;

/// <summary>
/// The one set of rules for <see cref="OnnxEmbeddingGeneratorOptions"/>, used by dependency injection (<c>ValidateOnStart</c>)
/// and by the <see cref="OnnxEmbeddingGenerator"/> constructor alike. Stateless and thread-safe.
/// </summary>
internal sealed class OnnxEmbeddingGeneratorOptionsValidator : IValidateOptions<OnnxEmbeddingGeneratorOptions>
{
    public static OnnxEmbeddingGeneratorOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, OnnxEmbeddingGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Prefix = nameof(OnnxEmbeddingGeneratorOptions) + ".";

        if (options.ModelDirectory is { } directory && string.IsNullOrWhiteSpace(directory))
        {
            failures.Add($"{Prefix}{nameof(options.ModelDirectory)} is blank; leave it null to use the default locations.");
        }

        CheckRelativePath(failures, Prefix + nameof(options.ModelFileName), options.ModelFileName);
        CheckRelativePath(failures, Prefix + nameof(options.VocabularyFileName), options.VocabularyFileName);

        if (options.ModelId is { } modelId && string.IsNullOrWhiteSpace(modelId))
        {
            failures.Add($"{Prefix}{nameof(options.ModelId)} is blank; leave it null to use the model folder's name.");
        }

        if (options.MaxSequenceLength is < 2 or > 8192)
        {
            failures.Add($"{Prefix}{nameof(options.MaxSequenceLength)} is {options.MaxSequenceLength}; it must be between 2 ([CLS] and [SEP]) and 8192.");
        }

        if (options.MaxBatchSize is < 1 or > 4096)
        {
            failures.Add($"{Prefix}{nameof(options.MaxBatchSize)} is {options.MaxBatchSize}; it must be between 1 and 4096.");
        }

        if (options.MicroBatchMaxDelay < TimeSpan.Zero || options.MicroBatchMaxDelay > TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Prefix}{nameof(options.MicroBatchMaxDelay)} is {options.MicroBatchMaxDelay}; it must be between zero and one second.");
        }

        if (options.EmbeddingCacheCapacity < 0)
        {
            failures.Add($"{Prefix}{nameof(options.EmbeddingCacheCapacity)} is {options.EmbeddingCacheCapacity}; it must be 0 (off) or more.");
        }

        if (options.IntraOpNumThreads < 0)
        {
            failures.Add($"{Prefix}{nameof(options.IntraOpNumThreads)} is {options.IntraOpNumThreads}; it must be 0 (automatic) or more.");
        }

        if (!Enum.IsDefined(options.GraphOptimizationLevel))
        {
            failures.Add($"{Prefix}{nameof(options.GraphOptimizationLevel)} is {options.GraphOptimizationLevel}, not a {nameof(GraphOptimizationLevel)} value.");
        }

        if (options.CacheDirectory is { } cache && string.IsNullOrWhiteSpace(cache))
        {
            failures.Add($"{Prefix}{nameof(options.CacheDirectory)} is blank; leave it null to use the per-user cache folder.");
        }

        if (options.ModelSource is null)
        {
            failures.Add($"{Prefix}{nameof(options.ModelSource)} is null.");
        }
        else if (options.AllowDownload)
        {
            foreach (string required in new[] { options.ModelFileName, options.VocabularyFileName })
            {
                if (!string.IsNullOrWhiteSpace(required) && OnnxModelFile.IsRelativePathInside(required) && !options.ModelSource.Files.Any(f => PathsEqual(f.LocalName, required)))
                {
                    failures.Add(
                        $"{Prefix}{nameof(options.ModelSource)} ({options.ModelSource.Repository}) has no file whose local name is '{required}', " +
                        "so a download could not supply it.");
                }
            }
        }

        if (options.DownloadBaseAddress is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Prefix}{nameof(options.DownloadBaseAddress)} must be an absolute http or https address.");
        }

        if (options.DownloadTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(options.DownloadTimeout)} is {options.DownloadTimeout}; it must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> when <paramref name="options"/> break a rule.</summary>
    public static void ThrowIfInvalid(OnnxEmbeddingGeneratorOptions options)
    {
        ValidateOptionsResult result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(OnnxEmbeddingGeneratorOptions), result.Failures);
        }
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(a.Replace('\\', '/'), b.Replace('\\', '/'), StringComparison.Ordinal);

    private static void CheckRelativePath(List<string> failures, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !OnnxModelFile.IsRelativePathInside(value))
        {
            failures.Add($"{name} is '{value}'; it must be a relative path inside the model folder.");
        }
    }
}
