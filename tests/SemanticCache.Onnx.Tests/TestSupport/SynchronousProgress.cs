namespace SemanticCache.Onnx.Tests;

/// <summary>Records progress reports on the reporting thread (Progress&lt;T&gt; would post them asynchronously).</summary>
internal sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
