namespace SemanticCache.Scylla;

/// <summary>The base class of the exceptions thrown by the ScyllaDB store and its CQL client.</summary>
public class ScyllaException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ScyllaException"/> class.</summary>
    public ScyllaException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ScyllaException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ScyllaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
