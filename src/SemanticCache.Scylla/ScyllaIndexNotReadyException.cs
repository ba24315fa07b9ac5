namespace SemanticCache.Scylla;

/// <summary>
/// The vector index did not become ready within <see cref="ScyllaSemanticCacheStoreOptions.IndexReadyTimeout"/>.
/// The message is "Vector index not ready yet. Try again in a few seconds."; the last server error is the inner exception.
/// </summary>
public class ScyllaIndexNotReadyException : ScyllaException
{
    /// <summary>The message of the exception when no other message is given.</summary>
    public const string DefaultMessage = "Vector index not ready yet. Try again in a few seconds.";

    /// <summary>Initializes a new instance of the <see cref="ScyllaIndexNotReadyException"/> class.</summary>
    public ScyllaIndexNotReadyException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaIndexNotReadyException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ScyllaIndexNotReadyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaIndexNotReadyException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ScyllaIndexNotReadyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
