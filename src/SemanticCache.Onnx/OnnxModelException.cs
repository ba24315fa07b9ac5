namespace SemanticCache.Onnx;

/// <summary>
/// The exception thrown when an ONNX embedding model cannot be found, downloaded, verified or used: missing or corrupt
/// files, a vocabulary that does not fit the model, or a model whose inputs or outputs are not the BERT sentence-embedding interface.
/// </summary>
/// <remarks>The message names the files or folders involved and, where there is one, the way to fix it.</remarks>
public class OnnxModelException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="OnnxModelException"/> class.</summary>
    public OnnxModelException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OnnxModelException"/> class with a message.</summary>
    /// <param name="message">The message that describes the problem.</param>
    public OnnxModelException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OnnxModelException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the problem.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public OnnxModelException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
