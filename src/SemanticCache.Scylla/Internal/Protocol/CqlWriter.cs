using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace SemanticCache.Scylla;

/// <summary>
/// Writes the notation types of native protocol v4 (§3) big-endian into a growable buffer rented from the shared pool.
/// </summary>
/// <remarks>Not thread-safe. Dispose returns the buffer to the pool; the written bytes must not be used afterwards.</remarks>
internal sealed class CqlWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Initializes a new instance of the <see cref="CqlWriter"/> class.</summary>
    /// <param name="initialCapacity">The initial buffer size.</param>
    public CqlWriter(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>Gets the number of bytes written.</summary>
    public int Length => _length;

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Copies the written bytes into a new array.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Writes a [byte].</summary>
    /// <param name="value">The value.</param>
    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
    }

    /// <summary>Writes a [short] (2 bytes, unsigned).</summary>
    /// <param name="value">The value.</param>
    public void WriteShort(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    /// <summary>Writes an [int] (4 bytes).</summary>
    /// <param name="value">The value.</param>
    public void WriteInt(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    /// <summary>Writes a [long] (8 bytes).</summary>
    /// <param name="value">The value.</param>
    public void WriteLong(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);

    /// <summary>Writes a [string]: a [short] length then UTF-8 bytes.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The UTF-8 encoding is longer than 65,535 bytes.</exception>
    public void WriteString(string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        if (byteCount > ushort.MaxValue)
        {
            throw new ArgumentException($"A [string] is limited to {ushort.MaxValue} UTF-8 bytes; this one has {byteCount}.", nameof(value));
        }

        WriteShort((ushort)byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>Writes a [long string]: an [int] length then UTF-8 bytes.</summary>
    /// <param name="value">The value.</param>
    public void WriteLongString(string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteInt(byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>Writes [bytes]: an [int] length then the bytes.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>Writes a null [bytes] or [value] (length -1).</summary>
    public void WriteNullBytes() => WriteInt(-1);

    /// <summary>Writes a "not set" [value] (length -2, v4 §3).</summary>
    public void WriteUnsetValue() => WriteInt(-2);

    /// <summary>Writes [short bytes]: a [short] length then the bytes.</summary>
    /// <param name="value">The bytes.</param>
    /// <exception cref="ArgumentException">More than 65,535 bytes.</exception>
    public void WriteShortBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"[short bytes] are limited to {ushort.MaxValue} bytes.", nameof(value));
        }

        WriteShort((ushort)value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>Writes a [uuid] (16 bytes, RFC 4122 byte order).</summary>
    /// <param name="value">The value.</param>
    public void WriteUuid(Guid value)
    {
        if (!value.TryWriteBytes(Reserve(16), bigEndian: true, out _))
        {
            throw new InvalidOperationException("A UUID needs 16 bytes.");
        }
    }

    /// <summary>Writes a [consistency] (a [short]).</summary>
    /// <param name="value">The consistency level.</param>
    public void WriteConsistency(ScyllaConsistency value) => WriteShort((ushort)value);

    /// <summary>Writes a [string list]: a [short] count then the strings.</summary>
    /// <param name="values">The strings.</param>
    public void WriteStringList(IReadOnlyCollection<string> values)
    {
        WriteShort(checked((ushort)values.Count));
        foreach (string value in values)
        {
            WriteString(value);
        }
    }

    /// <summary>Writes a [string map]: a [short] count then key/value [string] pairs.</summary>
    /// <param name="values">The pairs.</param>
    public void WriteStringMap(IReadOnlyCollection<KeyValuePair<string, string>> values)
    {
        WriteShort(checked((ushort)values.Count));
        foreach (var pair in values)
        {
            WriteString(pair.Key);
            WriteString(pair.Value);
        }
    }

    /// <summary>Writes a [string multimap]: a [short] count then [string] keys with [string list] values.</summary>
    /// <param name="values">The pairs.</param>
    public void WriteStringMultimap(IReadOnlyCollection<KeyValuePair<string, IReadOnlyList<string>>> values)
    {
        WriteShort(checked((ushort)values.Count));
        foreach (var pair in values)
        {
            WriteString(pair.Key);
            WriteStringList(pair.Value);
        }
    }

    /// <summary>Writes an [inet]: a one-byte address size, the address, then an [int] port.</summary>
    /// <param name="endPoint">The address and port.</param>
    public void WriteInet(IPEndPoint endPoint)
    {
        Span<byte> address = stackalloc byte[16];
        if (!endPoint.Address.TryWriteBytes(address, out int written))
        {
            throw new ArgumentException("The address could not be written.", nameof(endPoint));
        }

        WriteByte((byte)written);
        address[..written].CopyTo(Reserve(written));
        WriteInt(endPoint.Port);
    }

    /// <summary>Writes a type [option] (§4.2.5.2): the id, then its value for custom and collection types.</summary>
    /// <param name="type">The type.</param>
    public void WriteTypeOption(CqlType type)
    {
        WriteShort((ushort)type.Code);
        switch (type.Code)
        {
            case CqlTypeCode.Custom:
                WriteString(type.CustomClassName!);
                break;
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                WriteTypeOption(type.Parameters[0]);
                break;
            case CqlTypeCode.Map:
                WriteTypeOption(type.Parameters[0]);
                WriteTypeOption(type.Parameters[1]);
                break;
            case CqlTypeCode.Tuple:
                WriteShort(checked((ushort)type.Parameters.Count));
                foreach (var element in type.Parameters)
                {
                    WriteTypeOption(element);
                }

                break;
            case CqlTypeCode.Udt:
                throw new NotSupportedException("Writing user-defined type options is not supported.");
        }
    }

    /// <summary>Reserves an [int] length placeholder whose value is patched later with <see cref="PatchLength"/>.</summary>
    /// <returns>The offset of the placeholder.</returns>
    public int ReserveLength()
    {
        int offset = _length;
        Reserve(4);
        return offset;
    }

    /// <summary>Writes into a length placeholder the number of bytes written after it.</summary>
    /// <param name="placeholderOffset">The offset returned by <see cref="ReserveLength"/>.</param>
    public void PatchLength(int placeholderOffset) =>
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(placeholderOffset), _length - placeholderOffset - 4);

    /// <summary>Overwrites an [int] at an offset.</summary>
    /// <param name="offset">The offset.</param>
    /// <param name="value">The value.</param>
    public void PatchInt(int offset, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(offset), value);

    /// <summary>Returns a span of exactly <paramref name="size"/> bytes at the end of the buffer and counts them as written.</summary>
    /// <param name="size">The number of bytes.</param>
    /// <returns>The span to fill.</returns>
    public Span<byte> Reserve(int size)
    {
        EnsureCapacity(size);
        var span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureCapacity(int additional)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        long required = (long)_length + additional;
        if (required <= _buffer.Length)
        {
            return;
        }

        if (required > Array.MaxLength)
        {
            throw new InvalidOperationException("The message is too large.");
        }

        int newSize = (int)Math.Min(Array.MaxLength, Math.Max(required, (long)_buffer.Length * 2));
        var larger = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
