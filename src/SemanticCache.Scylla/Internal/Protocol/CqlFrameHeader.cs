using System.Buffers.Binary;

namespace SemanticCache.Scylla;

/// <summary>
/// The fixed 9-byte frame header of native protocol v4 (§1, §2): version, flags, stream (signed [short]), opcode and
/// body length, all big-endian.
/// </summary>
/// <param name="Version">The version byte: 0x04 for a request, 0x84 for a response.</param>
/// <param name="Flags">The frame flags.</param>
/// <param name="Stream">The stream id; negative ids belong to the server (EVENTs use -1).</param>
/// <param name="Opcode">The message opcode.</param>
/// <param name="BodyLength">The length of the body that follows the header.</param>
internal readonly record struct CqlFrameHeader(byte Version, CqlFrameFlags Flags, short Stream, CqlOpcode Opcode, int BodyLength)
{
    /// <summary>The size of the header in bytes.</summary>
    public const int Size = 9;

    /// <summary>The version byte of a v4 request frame.</summary>
    public const byte RequestVersion = 0x04;

    /// <summary>The version byte of a v4 response frame (direction bit set).</summary>
    public const byte ResponseVersion = 0x84;

    /// <summary>The largest body the specification allows (256 MB, §2.5).</summary>
    public const int MaxBodyLength = 256 * 1024 * 1024;

    /// <summary>Gets a value indicating whether the direction bit marks this frame as a response.</summary>
    public bool IsResponse => (Version & 0x80) != 0;

    /// <summary>Gets the protocol version without the direction bit.</summary>
    public int ProtocolVersion => Version & 0x7F;

    /// <summary>Writes the header into the first 9 bytes of <paramref name="destination"/>.</summary>
    /// <param name="destination">At least 9 bytes.</param>
    public void Write(Span<byte> destination)
    {
        destination[0] = Version;
        destination[1] = (byte)Flags;
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], Stream);
        destination[4] = (byte)Opcode;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], BodyLength);
    }

    /// <summary>Reads a header from the first 9 bytes of <paramref name="source"/>.</summary>
    /// <param name="source">At least 9 bytes.</param>
    /// <returns>The header.</returns>
    public static CqlFrameHeader Read(ReadOnlySpan<byte> source) => new(
        source[0],
        (CqlFrameFlags)source[1],
        BinaryPrimitives.ReadInt16BigEndian(source[2..]),
        (CqlOpcode)source[4],
        BinaryPrimitives.ReadInt32BigEndian(source[5..]));
}
