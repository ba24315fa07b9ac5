using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace SemanticCache.Scylla;

/// <summary>
/// Reads the notation types of native protocol v4 (§3) from a frame body. Every read checks the remaining length and
/// throws <see cref="InvalidDataException"/> on a truncated or malformed body.
/// </summary>
internal ref struct CqlReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Initializes a new instance of the <see cref="CqlReader"/> struct.</summary>
    /// <param name="data">The bytes to read.</param>
    public CqlReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Gets the offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>Gets the number of bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads a [byte].</summary>
    /// <returns>The value.</returns>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a [short] (2 bytes, unsigned).</summary>
    /// <returns>The value.</returns>
    public ushort ReadShort() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    /// <summary>Reads an [int].</summary>
    /// <returns>The value.</returns>
    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    /// <summary>Reads a [long].</summary>
    /// <returns>The value.</returns>
    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    /// <summary>Reads a [string].</summary>
    /// <returns>The value.</returns>
    public string ReadString() => DecodeUtf8(Take(ReadShort()));

    /// <summary>Reads a [long string].</summary>
    /// <returns>The value.</returns>
    public string ReadLongString()
    {
        int length = ReadInt();
        if (length < 0)
        {
            throw new InvalidDataException($"A [long string] has a negative length ({length}).");
        }

        return DecodeUtf8(Take(length));
    }

    /// <summary>Reads [bytes]; a negative length is null.</summary>
    /// <param name="isNull">Set to <see langword="true"/> when the value is null.</param>
    /// <returns>The bytes (empty when null).</returns>
    public ReadOnlySpan<byte> ReadBytes(out bool isNull)
    {
        int length = ReadInt();
        isNull = length < 0;
        return isNull ? default : Take(length);
    }

    /// <summary>Reads [bytes] into a new array, or <see langword="null"/>.</summary>
    /// <returns>The bytes.</returns>
    public byte[]? ReadBytesArray()
    {
        var span = ReadBytes(out bool isNull);
        return isNull ? null : span.ToArray();
    }

    /// <summary>Reads a [value]: -1 is null, -2 is "not set", other negative lengths are invalid.</summary>
    /// <param name="kind">Whether the value is present, null or not set.</param>
    /// <returns>The bytes (empty unless present).</returns>
    public ReadOnlySpan<byte> ReadValue(out CqlValueKind kind)
    {
        int length = ReadInt();
        switch (length)
        {
            case >= 0:
                kind = CqlValueKind.Present;
                return Take(length);
            case -1:
                kind = CqlValueKind.Null;
                return default;
            case -2:
                kind = CqlValueKind.NotSet;
                return default;
            default:
                throw new InvalidDataException($"A [value] has the invalid length {length}.");
        }
    }

    /// <summary>Reads [short bytes].</summary>
    /// <returns>The bytes.</returns>
    public ReadOnlySpan<byte> ReadShortBytes() => Take(ReadShort());

    /// <summary>Reads a [uuid].</summary>
    /// <returns>The value.</returns>
    public Guid ReadUuid() => new(Take(16), bigEndian: true);

    /// <summary>Reads a [consistency].</summary>
    /// <returns>The value.</returns>
    public ScyllaConsistency ReadConsistency() => (ScyllaConsistency)ReadShort();

    /// <summary>Reads a [string list].</summary>
    /// <returns>The strings.</returns>
    public List<string> ReadStringList()
    {
        int count = ReadShort();
        var list = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(ReadString());
        }

        return list;
    }

    /// <summary>Reads a [string map].</summary>
    /// <returns>The map.</returns>
    public Dictionary<string, string> ReadStringMap()
    {
        int count = ReadShort();
        var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = ReadString();
            map[key] = ReadString();
        }

        return map;
    }

    /// <summary>Reads a [string multimap].</summary>
    /// <returns>The map.</returns>
    public Dictionary<string, List<string>> ReadStringMultimap()
    {
        int count = ReadShort();
        var map = new Dictionary<string, List<string>>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = ReadString();
            map[key] = ReadStringList();
        }

        return map;
    }

    /// <summary>Reads a [bytes map].</summary>
    /// <returns>The map; null values are kept as <see langword="null"/>.</returns>
    public Dictionary<string, byte[]?> ReadBytesMap()
    {
        int count = ReadShort();
        var map = new Dictionary<string, byte[]?>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = ReadString();
            map[key] = ReadBytesArray();
        }

        return map;
    }

    /// <summary>Reads an [inet]: a one-byte size (4 or 16), the address, then an [int] port.</summary>
    /// <returns>The address and port.</returns>
    public IPEndPoint ReadInet()
    {
        int size = ReadByte();
        if (size is not (4 or 16))
        {
            throw new InvalidDataException($"An [inet] has the invalid address size {size}.");
        }

        var address = new IPAddress(Take(size));
        return new IPEndPoint(address, ReadInt());
    }

    /// <summary>Reads a type [option] (§4.2.5.2), recursively for collections, tuples and UDTs.</summary>
    /// <returns>The type.</returns>
    public CqlType ReadTypeOption()
    {
        var code = (CqlTypeCode)ReadShort();
        switch (code)
        {
            case CqlTypeCode.Custom:
                return CqlType.FromCustomClassName(ReadString());
            case CqlTypeCode.Ascii: return CqlType.Ascii;
            case CqlTypeCode.Bigint: return CqlType.Bigint;
            case CqlTypeCode.Blob: return CqlType.Blob;
            case CqlTypeCode.Boolean: return CqlType.Boolean;
            case CqlTypeCode.Counter: return CqlType.Counter;
            case CqlTypeCode.Decimal: return CqlType.Decimal;
            case CqlTypeCode.Double: return CqlType.Double;
            case CqlTypeCode.Float: return CqlType.Float;
            case CqlTypeCode.Int: return CqlType.Int;
            case CqlTypeCode.Timestamp: return CqlType.Timestamp;
            case CqlTypeCode.Uuid: return CqlType.Uuid;
            case CqlTypeCode.Varchar: return CqlType.Varchar;
            case CqlTypeCode.Varint: return CqlType.Varint;
            case CqlTypeCode.Timeuuid: return CqlType.Timeuuid;
            case CqlTypeCode.Inet: return CqlType.Inet;
            case CqlTypeCode.Date: return CqlType.Date;
            case CqlTypeCode.Time: return CqlType.Time;
            case CqlTypeCode.Smallint: return CqlType.Smallint;
            case CqlTypeCode.Tinyint: return CqlType.Tinyint;
            case CqlTypeCode.List: return CqlType.List(ReadTypeOption());
            case CqlTypeCode.Set: return CqlType.Set(ReadTypeOption());
            case CqlTypeCode.Map:
                var key = ReadTypeOption();
                return CqlType.Map(key, ReadTypeOption());
            case CqlTypeCode.Tuple:
                int count = ReadShort();
                var elements = new CqlType[count];
                for (int i = 0; i < count; i++)
                {
                    elements[i] = ReadTypeOption();
                }

                return CqlType.Tuple(elements);
            case CqlTypeCode.Udt:
                string keyspace = ReadString();
                string name = ReadString();
                int fieldCount = ReadShort();
                var names = new string[fieldCount];
                var types = new CqlType[fieldCount];
                for (int i = 0; i < fieldCount; i++)
                {
                    names[i] = ReadString();
                    types[i] = ReadTypeOption();
                }

                return CqlType.Udt(keyspace, name, names, types);
            default:
                throw new InvalidDataException($"Unknown type option id 0x{(ushort)code:X4}.");
        }
    }

    /// <summary>Skips bytes.</summary>
    /// <param name="count">The number of bytes.</param>
    public void Skip(int count) => Take(count);

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return CqlEncoding.StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException("A string is not valid UTF-8.", ex);
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw new InvalidDataException(
                $"The frame body is truncated: {count} bytes needed at offset {_position}, {_data.Length - _position} left.");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
