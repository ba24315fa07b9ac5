namespace SemanticCache.Samples.Cli;

/// <summary>
/// A failure with a message meant for the user: <see cref="CommandRunner"/> prints it as <c>✗ message</c> on standard
/// error and exits with <see cref="CommandRunner.FailureExitCode"/>, without a stack trace. Derive from it for failures
/// that carry more detail, such as an API's error code.
/// </summary>
public class ToolException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ToolException"/> class.</summary>
    public ToolException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToolException"/> class with the message the user sees.</summary>
    /// <param name="message">What went wrong and, where there is one, what to do about it.</param>
    public ToolException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToolException"/> class with the message the user sees and its cause.</summary>
    /// <param name="message">What went wrong and, where there is one, what to do about it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
