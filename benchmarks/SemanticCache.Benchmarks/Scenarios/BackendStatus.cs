namespace SemanticCache.Benchmarks;

/// <summary>Whether a backend was measured.</summary>
public enum BackendStatus
{
    /// <summary>Every scenario ran.</summary>
    Measured,

    /// <summary>The backend is not part of this build or not configured; nothing ran.</summary>
    Unavailable,

    /// <summary>The backend could not be set up or a scenario stopped with an error.</summary>
    Failed,
}
