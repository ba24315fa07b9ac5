namespace SemanticCache.ScyllaCloud;

/// <summary>A failure with a message meant for the user: printed as <c>✗ message</c> with exit code 1, no stack trace.</summary>
internal sealed class ToolException : Exception
{
    public ToolException()
    {
    }

    public ToolException(string message)
        : base(message)
    {
    }

    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
