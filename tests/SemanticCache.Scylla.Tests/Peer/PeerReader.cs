using System.Buffers.Binary;
using System.Text;

namespace SemanticCache.Scylla.Tests;

/// <summary>The peer's own reader for the v4 notation types (independent of the client's codec).</summary>
internal sealed class PeerReader
{
    private readonly byte[] _data;
    private int _position;

    public PeerReader(byte[] data)
    {
        _data = data;
    }

    public int Remaining => _data.Length - _position;

    public byte Byte() => Take(1)[0];

    public int Short() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int Int() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Long() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string String() => Encoding.UTF8.GetString(Take(Short()));

    public string LongString() => Encoding.UTF8.GetString(Take(Int()));

    public byte[]? Bytes()
    {
        int length = Int();
        return length < 0 ? null : Take(length).ToArray();
    }

    /// <summary>Reads a [value]: -1 null, -2 not set (returned as <see cref="PeerValue.NotSet"/>).</summary>
    public PeerValue Value()
    {
        int length = Int();
        return length switch
        {
            >= 0 => new PeerValue(Take(length).ToArray(), false),
            -1 => new PeerValue(null, false),
            -2 => new PeerValue(null, true),
            _ => throw new InvalidDataException($"[value] length {length}"),
        };
    }

    public byte[] ShortBytes() => Take(Short()).ToArray();

    public Dictionary<string, string> StringMap()
    {
        int count = Short();
        var map = new Dictionary<string, string>();
        for (int i = 0; i < count; i++)
        {
            string key = String();
            map[key] = String();
        }

        return map;
    }

    public List<string> StringList()
    {
        int count = Short();
        var list = new List<string>();
        for (int i = 0; i < count; i++)
        {
            list.Add(String());
        }

        return list;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new InvalidDataException($"Truncated request body: {count} bytes needed, {Remaining} left.");
        }

        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }
}
