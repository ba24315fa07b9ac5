namespace SemanticCache.Scylla;

/// <summary>
/// An encoded request frame whose stream id is still 0; the connection copies it and writes its own stream id.
/// </summary>
/// <remarks>Dispose returns the buffer to the pool. A request may be sent several times (retries) before it is disposed.</remarks>
internal sealed class CqlRequest : IDisposable
{
    private readonly CqlWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="CqlRequest"/> class.</summary>
    /// <param name="opcode">The opcode.</param>
    /// <param name="writer">The writer holding the complete frame.</param>
    public CqlRequest(CqlOpcode opcode, CqlWriter writer)
    {
        Opcode = opcode;
        _writer = writer;
    }

    /// <summary>Gets the opcode.</summary>
    public CqlOpcode Opcode { get; }

    /// <summary>Gets the complete frame (header and body).</summary>
    public ReadOnlySpan<byte> Frame => _writer.WrittenSpan;

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
