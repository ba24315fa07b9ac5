namespace SemanticCache.Scylla;

/// <summary>An ERROR message returned by the server, with its code and message.</summary>
/// <remarks>
/// The server's message is kept verbatim in <see cref="ServerMessage"/>; <see cref="Exception.Message"/> adds the code
/// and the host. Codes with additional fields (for example <see cref="ScyllaErrorCode.Unavailable"/>) describe them in
/// <see cref="Exception.Message"/>.
/// </remarks>
public class ScyllaServerException : ScyllaException
{
    /// <summary>Initializes a new instance of the <see cref="ScyllaServerException"/> class.</summary>
    public ScyllaServerException()
        : this(ScyllaErrorCode.ServerError, string.Empty)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaServerException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ScyllaServerException(string message)
        : this(ScyllaErrorCode.ServerError, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaServerException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ScyllaServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ServerMessage = message;
    }

    /// <summary>Initializes a new instance of the <see cref="ScyllaServerException"/> class with an error code and the server's message.</summary>
    /// <param name="errorCode">The error code.</param>
    /// <param name="serverMessage">The message sent by the server.</param>
    /// <param name="details">Additional fields of the error, already formatted, or <see langword="null"/>.</param>
    public ScyllaServerException(ScyllaErrorCode errorCode, string serverMessage, string? details = null)
        : base(FormatMessage(errorCode, serverMessage, details))
    {
        ErrorCode = errorCode;
        ServerMessage = serverMessage;
    }

    /// <summary>Gets the error code sent by the server.</summary>
    public ScyllaErrorCode ErrorCode { get; }

    /// <summary>Gets the error message exactly as the server sent it.</summary>
    public string ServerMessage { get; } = string.Empty;

    /// <summary>Gets or sets the host that returned the error, when known.</summary>
    public string? Host { get; set; }

    private static string FormatMessage(ScyllaErrorCode errorCode, string serverMessage, string? details) =>
        details is null
            ? $"{errorCode} (0x{(int)errorCode:X4}): {serverMessage}"
            : $"{errorCode} (0x{(int)errorCode:X4}): {serverMessage} [{details}]";
}
