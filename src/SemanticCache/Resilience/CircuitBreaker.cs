namespace SemanticCache;

/// <summary>
/// Counts consecutive store failures; past the threshold it rejects store calls for the break duration, then lets one
/// probe through (half-open) whose outcome closes or reopens the circuit.
/// </summary>
internal sealed class CircuitBreaker(SemanticCacheCircuitBreakerOptions options, TimeProvider timeProvider, Action<SemanticCacheCircuitState, int> onTransition)
{
    private readonly Lock _lock = new();
    private SemanticCacheCircuitState _state;
    private int _consecutiveFailures;
    private long _openedAt;
    private bool _probeInFlight;

    public SemanticCacheCircuitState State
    {
        get
        {
            lock (_lock)
            {
                return _state == SemanticCacheCircuitState.Open && BreakElapsed() ? SemanticCacheCircuitState.HalfOpen : _state;
            }
        }
    }

    /// <summary>Decides whether a store call may proceed now.</summary>
    public bool TryAcquire()
    {
        if (!options.Enabled || Volatile.Read(ref _consecutiveFailures) == 0)
        {
            return true; // the common, healthy path takes no lock
        }

        lock (_lock)
        {
            switch (_state)
            {
                case SemanticCacheCircuitState.Closed:
                    return true;
                case SemanticCacheCircuitState.Open when BreakElapsed():
                    Transition(SemanticCacheCircuitState.HalfOpen);
                    _probeInFlight = true;
                    return true;
                case SemanticCacheCircuitState.HalfOpen when !_probeInFlight:
                    _probeInFlight = true;
                    return true;
                default:
                    return false;
            }
        }
    }

    public void RecordSuccess()
    {
        if (Volatile.Read(ref _consecutiveFailures) == 0 && _state == SemanticCacheCircuitState.Closed)
        {
            return;
        }

        lock (_lock)
        {
            _consecutiveFailures = 0;
            _probeInFlight = false;
            if (_state != SemanticCacheCircuitState.Closed)
            {
                Transition(SemanticCacheCircuitState.Closed);
            }
        }
    }

    public void RecordFailure()
    {
        if (!options.Enabled)
        {
            return;
        }

        lock (_lock)
        {
            _consecutiveFailures++;
            _probeInFlight = false;
            if (_state == SemanticCacheCircuitState.HalfOpen ||
                (_state == SemanticCacheCircuitState.Closed && _consecutiveFailures >= options.FailureThreshold))
            {
                _openedAt = timeProvider.GetTimestamp();
                Transition(SemanticCacheCircuitState.Open);
            }
        }
    }

    private bool BreakElapsed() => timeProvider.GetElapsedTime(_openedAt) >= options.BreakDuration;

    private void Transition(SemanticCacheCircuitState state)
    {
        _state = state;
        onTransition(state, _consecutiveFailures);
    }
}
