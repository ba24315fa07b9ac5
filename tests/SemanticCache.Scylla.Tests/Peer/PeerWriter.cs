using System.Buffers.Binary;
using System.Text;

namespace SemanticCache.Scylla.Tests;

/// <summary>
/// The peer's own big-endian writer for the v4 notation types, written from the specification independently of the
/// client's codec so that a shared mistake cannot cancel out.
/// </summary>
internal sealed class PeerWriter
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];

    public PeerWriter Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public PeerWriter Raw(ReadOnlySpan<byte> value)
    {
        foreach (byte b in value)
        {
            _bytes.Add(b);
        }

        return this;
    }

    public PeerWriter Short(int value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, checked((ushort)value));
        return Raw(buffer);
    }

    public PeerWriter Int(int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        return Raw(buffer);
    }

    public PeerWriter Long(long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        return Raw(buffer);
    }

    public PeerWriter String(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        return Short(utf8.Length).Raw(utf8);
    }

    public PeerWriter LongString(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        return Int(utf8.Length).Raw(utf8);
    }

    public PeerWriter Bytes(byte[]? value) => value is null ? Int(-1) : Int(value.Length).Raw(value);

    public PeerWriter ShortBytes(byte[] value) => Short(value.Length).Raw(value);

    public PeerWriter StringList(IReadOnlyCollection<string> values)
    {
        Short(values.Count);
        foreach (string value in values)
        {
            String(value);
        }

        return this;
    }

    public PeerWriter StringMultimap(IReadOnlyDictionary<string, string[]> values)
    {
        Short(values.Count);
        foreach (var (key, list) in values)
        {
            String(key).StringList(list);
        }

        return this;
    }

    /// <summary>Writes a type [option] for a CQL type name as the peer's schema spells it.</summary>
    public PeerWriter TypeOption(PeerType type)
    {
        Short(type.OptionId);
        switch (type.OptionId)
        {
            case 0x0000:
                return String(type.CustomClass!);
            case 0x0020:
            case 0x0022:
                return TypeOption(type.Element!);
            default:
                return this;
        }
    }
}
