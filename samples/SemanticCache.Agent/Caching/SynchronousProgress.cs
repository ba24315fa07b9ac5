namespace SemanticCache.Agent;

/// <summary>
/// Reports progress on the reporting thread. <see cref="Progress{T}"/> posts each report to the thread pool, so reports
/// can arrive late and out of order, after the work has finished.
/// </summary>
/// <typeparam name="T">The progress value.</typeparam>
internal sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> _report;

    public SynchronousProgress(Action<T> report)
    {
        _report = report;
    }

    public void Report(T value) => _report(value);
}
