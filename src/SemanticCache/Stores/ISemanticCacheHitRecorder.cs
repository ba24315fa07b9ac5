namespace SemanticCache;

/// <summary>
/// Implemented by stores that keep per-entry usage (hit count, last hit). The cache reports each hit served from the
/// store in the background, off the request path; L1 hits are not reported (they never touch the store).
/// </summary>
public interface ISemanticCacheHitRecorder
{
    /// <summary>Records that the entry was served.</summary>
    /// <param name="key">The entry key.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when the entry exists and was updated.</returns>
    ValueTask<bool> RecordHitAsync(string key, CancellationToken cancellationToken = default);
}
