namespace SemanticCache.Benchmarks;

/// <summary>A problem with the command line, a file or the environment: printed as one clear message, never as a stack trace.</summary>
public sealed class BenchmarkSetupException : Exception
{
    public BenchmarkSetupException()
    {
    }

    public BenchmarkSetupException(string message)
        : base(message)
    {
    }

    public BenchmarkSetupException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
