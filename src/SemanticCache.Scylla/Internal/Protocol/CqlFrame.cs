using System.Buffers;

namespace SemanticCache.Scylla;

/// <summary>A received frame: its header and its body in a buffer rented from the shared pool.</summary>
/// <remarks>Dispose returns the body buffer; the body must not be used afterwards.</remarks>
internal sealed class CqlFrame : IDisposable
{
    private byte[]? _buffer;

    /// <summary>Initializes a new instance of the <see cref="CqlFrame"/> class.</summary>
    /// <param name="header">The header.</param>
    /// <param name="buffer">A pooled buffer holding at least <see cref="CqlFrameHeader.BodyLength"/> bytes of body.</param>
    public CqlFrame(CqlFrameHeader header, byte[] buffer)
    {
        Header = header;
        _buffer = buffer;
    }

    /// <summary>Gets the header.</summary>
    public CqlFrameHeader Header { get; }

    /// <summary>Gets the body.</summary>
    public ReadOnlySpan<byte> Body
    {
        get
        {
            ObjectDisposedException.ThrowIf(_buffer is null, this);
            return _buffer.AsSpan(0, Header.BodyLength);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
