using Microsoft.Extensions.Options;

namespace SemanticCache;

/// <summary>Validates <see cref="InMemorySemanticCacheStoreOptions"/>, with and without dependency injection.</summary>
internal sealed class InMemorySemanticCacheStoreOptionsValidator : IValidateOptions<InMemorySemanticCacheStoreOptions>
{
    public static InMemorySemanticCacheStoreOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, InMemorySemanticCacheStoreOptions options)
    {
        var failures = new List<string>();
        if (options.MaxEntries is < 1 or > 10_000_000)
        {
            failures.Add($"{nameof(options.MaxEntries)} must be between 1 and 10,000,000; it is {options.MaxEntries}.");
        }

        if (options.Dimensions is < 1 or > 65_536)
        {
            failures.Add($"{nameof(options.Dimensions)} must be between 1 and 65,536 when set; it is {options.Dimensions}.");
        }

        if (options.SnapshotPath is { } path && string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{nameof(options.SnapshotPath)} must not be empty when set.");
        }

        if (options.SnapshotInterval is { } interval && interval <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.SnapshotInterval)} must be positive when set; it is {interval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(InMemorySemanticCacheStoreOptions options)
    {
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(InMemorySemanticCacheStoreOptions), result.Failures);
        }
    }
}
