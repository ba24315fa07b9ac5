namespace SemanticCache.Scylla;

/// <summary>
/// No connection could be used: every host is down, a connection could not be opened or authenticated, or a connection
/// was lost while a request was in flight (the request may or may not have been executed).
/// </summary>
public class ScyllaConnectionException : ScyllaException
{
    /// <summary>Initializes a new instance of the <see cref="ScyllaConnectionException"/> class.</summary>
    public ScyllaConnectionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaConnectionException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ScyllaConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaConnectionException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ScyllaConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
