namespace SemanticCache.Scylla;

/// <summary>
/// Every connection of every available host already carries the configured maximum of in-flight requests and the
/// client is configured to fail fast instead of waiting (<see cref="ScyllaSemanticCacheStoreOptions.WaitWhenBusy"/>).
/// </summary>
public class ScyllaBusyException : ScyllaException
{
    /// <summary>Initializes a new instance of the <see cref="ScyllaBusyException"/> class.</summary>
    public ScyllaBusyException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaBusyException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ScyllaBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaBusyException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ScyllaBusyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
