using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace SemanticCache;

/// <summary>The instruments, the activity source and the in-process statistics of one cache.</summary>
internal sealed class SemanticCacheTelemetry : IDisposable
{
    private static readonly string Version = typeof(SemanticCacheTelemetry).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private readonly KeyValuePair<string, object?> _nameTag;
    private readonly Counter<long> _lookups;
    private readonly Histogram<double> _lookupDuration;
    private readonly Histogram<double> _embeddingDuration;
    private readonly Histogram<double> _storeDuration;
    private readonly Histogram<double> _similarity;
    private readonly Counter<long> _entriesWritten;
    private readonly Counter<long> _writeFailures;
    private readonly Counter<long> _circuitTransitions;
    private readonly long[] _lookupsByResult = new long[Enum.GetValues<SemanticCacheLookupResult>().Length];
    private readonly long[] _hitsByTier = new long[Enum.GetValues<SemanticCacheTier>().Length];
    private readonly double[] _recentDurations = new double[2048];
    private readonly Lock _durationsLock = new();
    private readonly bool _ownsMeter;
    private long _recentCount;
    private double _durationSum;
    private long _durationCount;
    private long _entriesWrittenCount;
    private long _writeFailureCount;
    private long _writesDroppedCount;

    public SemanticCacheTelemetry(string cacheName, IMeterFactory? meterFactory, Func<SemanticCacheCircuitState> circuitState)
    {
        CacheName = cacheName;
        _nameTag = new(TelemetryNames.CacheNameTag, cacheName);
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(new MeterOptions(SemanticCacheDiagnostics.MeterName) { Version = Version })
            ?? new Meter(SemanticCacheDiagnostics.MeterName, Version);
        CircuitState = circuitState;

        double[] latencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
        _lookups = Meter.CreateCounter<long>(TelemetryNames.Lookups, "{lookup}", "Lookups, by result and by the tier that answered.");
        _lookupDuration = Meter.CreateHistogram(TelemetryNames.LookupDuration, "s", "Duration of a lookup: exact lookup, embedding and nearest-neighbour search.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = latencyBuckets });
        _embeddingDuration = Meter.CreateHistogram(TelemetryNames.EmbeddingDuration, "s", "Duration of embedding a prompt.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = latencyBuckets });
        _storeDuration = Meter.CreateHistogram(TelemetryNames.StoreOperationDuration, "s", "Duration of a store operation, including retries.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = latencyBuckets });
        _similarity = Meter.CreateHistogram(TelemetryNames.Similarity, "1", "Similarity of the best candidate of a semantic lookup.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 1] });
        _entriesWritten = Meter.CreateCounter<long>(TelemetryNames.EntriesWritten, "{entry}", "Entries written to the store.");
        _writeFailures = Meter.CreateCounter<long>(TelemetryNames.WriteFailures, "{write}", "Writes that failed, timed out or were dropped, by reason.");
        _circuitTransitions = Meter.CreateCounter<long>(TelemetryNames.CircuitTransitions, "{transition}", "Circuit breaker state changes, by new state.");
        Meter.CreateObservableGauge(
            TelemetryNames.CircuitState,
            () => new Measurement<int>((int)CircuitState(), _nameTag),
            "{state}",
            "State of the store's circuit breaker: 0 closed, 1 open, 2 half-open.");
    }

    /// <summary>Gets the activity source shared by all caches (activities carry the cache name tag).</summary>
    public static ActivitySource ActivitySource { get; } = new(SemanticCacheDiagnostics.ActivitySourceName, Version);

    public string CacheName { get; }

    public Meter Meter { get; }

    private Func<SemanticCacheCircuitState> CircuitState { get; }

    public Activity? StartActivity(string name)
    {
        var activity = ActivitySource.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag(TelemetryNames.CacheNameTag, CacheName);
        return activity;
    }

    public void RecordLookup(SemanticCacheLookupResult result, SemanticCacheTier tier, TimeSpan duration)
    {
        Interlocked.Increment(ref _lookupsByResult[(int)result]);
        if (tier != SemanticCacheTier.None)
        {
            Interlocked.Increment(ref _hitsByTier[(int)tier]);
        }

        var tags = new TagList { _nameTag, { TelemetryNames.ResultTag, result.ToTagValue() }, { TelemetryNames.TierTag, tier.ToTagValue() } };
        _lookups.Add(1, tags);
        if (result == SemanticCacheLookupResult.Bypass)
        {
            return;
        }

        _lookupDuration.Record(duration.TotalSeconds, tags);
        lock (_durationsLock)
        {
            _recentDurations[_recentCount++ % _recentDurations.Length] = duration.TotalSeconds;
            _durationSum += duration.TotalSeconds;
            _durationCount++;
        }
    }

    public void RecordEmbedding(TimeSpan duration, string? errorType) =>
        _embeddingDuration.Record(duration.TotalSeconds, _nameTag, new(TelemetryNames.ErrorTypeTag, errorType));

    public void RecordStoreOperation(string operation, TimeSpan duration, string? errorType) =>
        _storeDuration.Record(duration.TotalSeconds, _nameTag, new(TelemetryNames.OperationTag, operation), new(TelemetryNames.ErrorTypeTag, errorType));

    public void RecordSimilarity(double similarity) => _similarity.Record(similarity, _nameTag);

    public void RecordEntriesWritten(int count)
    {
        Interlocked.Add(ref _entriesWrittenCount, count);
        _entriesWritten.Add(count, _nameTag);
    }

    public void RecordWriteFailure(string reason)
    {
        if (reason == "dropped")
        {
            Interlocked.Increment(ref _writesDroppedCount);
        }
        else
        {
            Interlocked.Increment(ref _writeFailureCount);
        }

        _writeFailures.Add(1, _nameTag, new(TelemetryNames.ReasonTag, reason));
    }

    public void RecordCircuitTransition(SemanticCacheCircuitState state) =>
        _circuitTransitions.Add(1, _nameTag, new(TelemetryNames.StateTag, state.ToTagValue()));

    public SemanticCacheStatistics Snapshot()
    {
        double mean, p95;
        lock (_durationsLock)
        {
            mean = _durationCount == 0 ? 0 : _durationSum / _durationCount;
            var n = (int)Math.Min(_recentCount, _recentDurations.Length);
            if (n == 0)
            {
                p95 = 0;
            }
            else
            {
                var sorted = _recentDurations.AsSpan(0, n).ToArray();
                Array.Sort(sorted);
                p95 = sorted[Math.Min(n - 1, (int)Math.Ceiling(n * 0.95) - 1)];
            }
        }

        return new SemanticCacheStatistics
        {
            LookupsByResult = Enum.GetValues<SemanticCacheLookupResult>().ToDictionary(r => r, r => Interlocked.Read(ref _lookupsByResult[(int)r])),
            HitsByTier = Enum.GetValues<SemanticCacheTier>().Where(t => t != SemanticCacheTier.None)
                .ToDictionary(t => t, t => Interlocked.Read(ref _hitsByTier[(int)t])),
            MeanLookupDuration = TimeSpan.FromSeconds(mean),
            P95LookupDuration = TimeSpan.FromSeconds(p95),
            EntriesWritten = Interlocked.Read(ref _entriesWrittenCount),
            WriteFailures = Interlocked.Read(ref _writeFailureCount),
            WritesDropped = Interlocked.Read(ref _writesDroppedCount),
            CircuitState = CircuitState(),
        };
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
