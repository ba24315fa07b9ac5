using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>
/// Per-request control of the semantic cache. Each method stores a value in <see cref="ChatOptions.AdditionalProperties"/>
/// under a <see cref="SemanticCacheRequestKeys"/> key (never part of the cache scope) and returns the same options for chaining.
/// </summary>
public static class ChatOptionsExtensions
{
    /// <summary>Skips the cache for this request: nothing is read and nothing is written.</summary>
    /// <param name="options">The chat options.</param>
    /// <returns>The <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithSemanticCacheBypass(this ChatOptions options) => Set(options, SemanticCacheRequestKeys.Bypass, true);

    /// <summary>Skips the cache read for this request but stores the fresh answer (replacing an exact match).</summary>
    /// <param name="options">The chat options.</param>
    /// <returns>The <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithSemanticCacheRefresh(this ChatOptions options) => Set(options, SemanticCacheRequestKeys.Refresh, true);

    /// <summary>Overrides the similarity threshold for this request: a hit requires cosine similarity ≥ <paramref name="threshold"/>.</summary>
    /// <param name="options">The chat options.</param>
    /// <param name="threshold">The threshold, greater than 0 and at most 1.</param>
    /// <returns>The <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not in (0, 1].</exception>
    public static ChatOptions WithSemanticCacheThreshold(this ChatOptions options, double threshold)
    {
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The similarity threshold must be greater than 0 and at most 1.");
        }

        return Set(options, SemanticCacheRequestKeys.Threshold, threshold);
    }

    /// <summary>Overrides the time to live of the entry written by this request.</summary>
    /// <param name="options">The chat options.</param>
    /// <param name="timeToLive">The time to live; must be positive.</param>
    /// <returns>The <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is zero or negative.</exception>
    public static ChatOptions WithSemanticCacheTimeToLive(this ChatOptions options, TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        return Set(options, SemanticCacheRequestKeys.TimeToLive, timeToLive);
    }

    /// <summary>Attaches tags to the entry written by this request, for later invalidation.</summary>
    /// <param name="options">The chat options.</param>
    /// <param name="tags">The tags; none may be null or white space.</param>
    /// <returns>The <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A tag is null or white space.</exception>
    public static ChatOptions WithSemanticCacheTags(this ChatOptions options, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(tag, nameof(tags));
        }

        return Set(options, SemanticCacheRequestKeys.Tags, tags.Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Sets the partition (tenant or user) of this request; entries are only served within their partition.</summary>
    /// <param name="options">The chat options.</param>
    /// <param name="partition">The partition.</param>
    /// <returns>The <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ChatOptions WithSemanticCachePartition(this ChatOptions options, string partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return Set(options, SemanticCacheRequestKeys.Partition, partition);
    }

    private static ChatOptions Set(ChatOptions options, string key, object value)
    {
        ArgumentNullException.ThrowIfNull(options);
        (options.AdditionalProperties ??= [])[key] = value;
        return options;
    }
}
