using System.Diagnostics;

namespace SemanticCache.Benchmarks;

/// <summary>
/// When the simulated model was called during one request, so that a miss splits into the cache's lookup (before the
/// model) and its write (after it). The runner creates one per request; <see cref="TimingChatClient"/> fills it in.
/// </summary>
public sealed class CallTimings
{
    private static readonly AsyncLocal<CallTimings?> CurrentTimings = new();

    /// <summary>Gets or sets the timings of the request running on this asynchronous flow.</summary>
    public static CallTimings? Current
    {
        get => CurrentTimings.Value;
        set => CurrentTimings.Value = value;
    }

    /// <summary>Gets or sets the <see cref="Stopwatch"/> timestamp at which the model was called, or 0 when it was not.</summary>
    public long ModelStarted { get; set; }

    /// <summary>Gets or sets the <see cref="Stopwatch"/> timestamp at which the model answered.</summary>
    public long ModelFinished { get; set; }

    public bool ModelCalled => ModelStarted != 0;
}
