using System.Collections.Concurrent;

namespace SemanticCache;

/// <summary>
/// Coalesces concurrent misses of the same exact key: the first caller (the leader) calls the model, the others wait
/// for its outcome. A leader that fails, is cancelled or gets an uncacheable answer publishes nothing, and its waiters
/// go on by themselves; failures are never shared.
/// </summary>
internal sealed class SingleFlight
{
    private readonly ConcurrentDictionary<string, Flight> _flights = new(StringComparer.Ordinal);
    private long _joined;

    public int InFlight => _flights.Count;

    /// <summary>Gets how many callers have joined another caller's flight since the cache was created.</summary>
    public long Joined => Interlocked.Read(ref _joined);

    /// <summary>Joins the flight of <paramref name="key"/>, starting it when there is none.</summary>
    /// <returns><see langword="true"/> when the caller is the leader and must call <see cref="Flight.Complete"/>.</returns>
    public bool TryLead(string key, out Flight flight)
    {
        var created = new Flight(this, key);
        flight = _flights.GetOrAdd(key, created);
        if (ReferenceEquals(flight, created))
        {
            return true;
        }

        Interlocked.Increment(ref _joined);
        return false;
    }

    private void Remove(Flight flight) => _flights.TryRemove(new KeyValuePair<string, Flight>(flight.Key, flight));

    /// <summary>One in-flight model call and the answer it will publish.</summary>
    internal sealed class Flight(SingleFlight owner, string key)
    {
        private readonly TaskCompletionSource<SemanticCacheEntry?> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Key { get; } = key;

        /// <summary>Waits for the leader's answer; <see langword="null"/> means the caller must answer by itself.</summary>
        public Task<SemanticCacheEntry?> WaitAsync(CancellationToken cancellationToken) => _outcome.Task.WaitAsync(cancellationToken);

        /// <summary>Publishes the leader's answer (or <see langword="null"/>) and ends the flight. Idempotent.</summary>
        public void Complete(SemanticCacheEntry? answer)
        {
            owner.Remove(this);
            _outcome.TrySetResult(answer);
        }
    }
}
