using System.Buffers.Binary;
using System.Collections;
using System.Net;
using System.Numerics;
using System.Text;

namespace SemanticCache.Scylla;

/// <summary>
/// Serialises CLR values to CQL values and back (v4 §6, vectors per v5 §5.25), big-endian.
/// </summary>
/// <remarks>
/// CLR mapping: ascii/text/varchar ⇄ <see cref="string"/>; blob ⇄ <see cref="byte"/>[] (also accepts
/// <see cref="ReadOnlyMemory{T}"/> of bytes); boolean ⇄ <see cref="bool"/>; int ⇄ <see cref="int"/>; bigint/counter ⇄
/// <see cref="long"/>; timestamp ⇄ <see cref="DateTimeOffset"/> (UTC, millisecond precision); uuid/timeuuid ⇄
/// <see cref="Guid"/>; float ⇄ <see cref="float"/>; double ⇄ <see cref="double"/>; smallint ⇄ <see cref="short"/>;
/// tinyint ⇄ <see cref="sbyte"/>; varint ⇄ <see cref="BigInteger"/>; decimal ⇄ <see cref="decimal"/>; date ⇄
/// <see cref="DateOnly"/>; time ⇄ <see cref="TimeSpan"/>; inet ⇄ <see cref="IPAddress"/>; list and set ⇄
/// <see cref="List{T}"/> of <see cref="object"/>; map ⇄ <see cref="Dictionary{TKey, TValue}"/>; tuple and UDT ⇄
/// <see cref="object"/>[]; <c>vector&lt;float, N&gt;</c> ⇄ <see cref="float"/>[] (other vectors ⇄ <see cref="object"/>[]).
/// Unknown custom types decode to their raw bytes. An empty (zero-length) value of a non-string type decodes as
/// <see langword="null"/>.
/// </remarks>
internal static class CqlValueCodec
{
    private const long DateEpochOffset = 1L << 31;

    /// <summary>Writes a bound [value]: null as length -1, <see cref="CqlUnset"/> as -2, otherwise the serialised bytes.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="type">The CQL type of the bind marker.</param>
    public static void WriteValue(CqlWriter writer, object? value, CqlType type)
    {
        switch (value)
        {
            case null:
                writer.WriteNullBytes();
                return;
            case CqlUnset:
                writer.WriteUnsetValue();
                return;
        }

        int placeholder = writer.ReserveLength();
        Serialize(writer, value, type);
        writer.PatchLength(placeholder);
    }

    /// <summary>Serialises a value to a new array (without a length prefix).</summary>
    /// <param name="value">The value; not null.</param>
    /// <param name="type">The CQL type.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Serialize(object value, CqlType type)
    {
        using var writer = new CqlWriter();
        Serialize(writer, value, type);
        return writer.ToArray();
    }

    /// <summary>Serialises a value (without a length prefix).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value; not null.</param>
    /// <param name="type">The CQL type.</param>
    /// <exception cref="ArgumentException">The value cannot be represented as the type.</exception>
    public static void Serialize(CqlWriter writer, object value, CqlType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (type.Code)
        {
            case CqlTypeCode.Ascii:
                string ascii = As<string>(value, type);
                if (!Ascii.IsValid(ascii))
                {
                    throw new ArgumentException("An ascii value may only contain characters 0-127.", nameof(value));
                }

                Encoding.ASCII.GetBytes(ascii, writer.Reserve(ascii.Length));
                break;
            case CqlTypeCode.Varchar:
                string text = As<string>(value, type);
                Encoding.UTF8.GetBytes(text, writer.Reserve(Encoding.UTF8.GetByteCount(text)));
                break;
            case CqlTypeCode.Blob:
                var bytes = value switch
                {
                    byte[] array => array,
                    ReadOnlyMemory<byte> memory => memory,
                    Memory<byte> memory => memory,
                    ArraySegment<byte> segment => segment,
                    _ => throw Mismatch(value, type),
                };
                bytes.Span.CopyTo(writer.Reserve(bytes.Length));
                break;
            case CqlTypeCode.Boolean:
                writer.WriteByte(As<bool>(value, type) ? (byte)1 : (byte)0);
                break;
            case CqlTypeCode.Int:
                writer.WriteInt(value switch
                {
                    int i => i,
                    short s => s,
                    sbyte b => b,
                    _ => throw Mismatch(value, type),
                });
                break;
            case CqlTypeCode.Bigint:
            case CqlTypeCode.Counter:
                writer.WriteLong(value switch
                {
                    long l => l,
                    int i => i,
                    _ => throw Mismatch(value, type),
                });
                break;
            case CqlTypeCode.Timestamp:
                writer.WriteLong(value switch
                {
                    DateTimeOffset offset => offset.ToUnixTimeMilliseconds(),
                    DateTime dateTime when dateTime.Kind == DateTimeKind.Utc => new DateTimeOffset(dateTime).ToUnixTimeMilliseconds(),
                    long milliseconds => milliseconds,
                    _ => throw Mismatch(value, type),
                });
                break;
            case CqlTypeCode.Uuid:
            case CqlTypeCode.Timeuuid:
                writer.WriteUuid(As<Guid>(value, type));
                break;
            case CqlTypeCode.Float:
                BinaryPrimitives.WriteSingleBigEndian(writer.Reserve(4), As<float>(value, type));
                break;
            case CqlTypeCode.Double:
                BinaryPrimitives.WriteDoubleBigEndian(writer.Reserve(8), value switch
                {
                    double d => d,
                    float f => f,
                    _ => throw Mismatch(value, type),
                });
                break;
            case CqlTypeCode.Smallint:
                BinaryPrimitives.WriteInt16BigEndian(writer.Reserve(2), As<short>(value, type));
                break;
            case CqlTypeCode.Tinyint:
                writer.WriteByte(unchecked((byte)As<sbyte>(value, type)));
                break;
            case CqlTypeCode.Varint:
                WriteVarint(writer, value switch
                {
                    BigInteger big => big,
                    long l => l,
                    int i => i,
                    _ => throw Mismatch(value, type),
                });
                break;
            case CqlTypeCode.Decimal:
                Span<int> parts = stackalloc int[4];
                decimal.GetBits(As<decimal>(value, type), parts);
                var unscaled = new BigInteger((uint)parts[0]) | (new BigInteger((uint)parts[1]) << 32) | (new BigInteger((uint)parts[2]) << 64);
                writer.WriteInt((parts[3] >> 16) & 0xFF);
                WriteVarint(writer, parts[3] < 0 ? -unscaled : unscaled);
                break;
            case CqlTypeCode.Date:
                var date = As<DateOnly>(value, type);
                long days = date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
                BinaryPrimitives.WriteUInt32BigEndian(writer.Reserve(4), (uint)(days + DateEpochOffset));
                break;
            case CqlTypeCode.Time:
                writer.WriteLong(As<TimeSpan>(value, type).Ticks * 100);
                break;
            case CqlTypeCode.Inet:
                var address = As<IPAddress>(value, type);
                var span = writer.Reserve(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 16);
                if (!address.TryWriteBytes(span, out _))
                {
                    throw Mismatch(value, type);
                }

                break;
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                WriteCollection(writer, value, type);
                break;
            case CqlTypeCode.Map:
                WriteMap(writer, value, type);
                break;
            case CqlTypeCode.Tuple:
            case CqlTypeCode.Udt:
                var fields = value as object?[] ?? throw Mismatch(value, type);
                for (int i = 0; i < fields.Length; i++)
                {
                    WriteNested(writer, fields[i], type.Parameters[i]);
                }

                break;
            case CqlTypeCode.Custom when type.IsVector:
                WriteVector(writer, value, type);
                break;
            case CqlTypeCode.Custom:
                var raw = value as byte[] ?? throw Mismatch(value, type);
                raw.CopyTo(writer.Reserve(raw.Length));
                break;
            default:
                throw Mismatch(value, type);
        }
    }

    /// <summary>Deserialises a cell.</summary>
    /// <param name="bytes">The serialised value (without its length prefix).</param>
    /// <param name="type">The CQL type.</param>
    /// <returns>The value (see the type remarks for the CLR mapping).</returns>
    /// <exception cref="InvalidDataException">The bytes do not form a valid value of the type.</exception>
    public static object? Deserialize(ReadOnlySpan<byte> bytes, CqlType type)
    {
        if (bytes.IsEmpty && type.Code is not (CqlTypeCode.Ascii or CqlTypeCode.Varchar or CqlTypeCode.Blob or CqlTypeCode.Custom))
        {
            return null;
        }

        switch (type.Code)
        {
            case CqlTypeCode.Ascii:
            case CqlTypeCode.Varchar:
                try
                {
                    return CqlEncoding.StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException ex)
                {
                    throw new InvalidDataException("A text value is not valid UTF-8.", ex);
                }

            case CqlTypeCode.Blob:
                return bytes.ToArray();
            case CqlTypeCode.Boolean:
                return Exactly(bytes, 1, type)[0] != 0;
            case CqlTypeCode.Int:
                return BinaryPrimitives.ReadInt32BigEndian(Exactly(bytes, 4, type));
            case CqlTypeCode.Bigint:
            case CqlTypeCode.Counter:
                return BinaryPrimitives.ReadInt64BigEndian(Exactly(bytes, 8, type));
            case CqlTypeCode.Timestamp:
                long milliseconds = BinaryPrimitives.ReadInt64BigEndian(Exactly(bytes, 8, type));
                return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            case CqlTypeCode.Uuid:
            case CqlTypeCode.Timeuuid:
                return new Guid(Exactly(bytes, 16, type), bigEndian: true);
            case CqlTypeCode.Float:
                return BinaryPrimitives.ReadSingleBigEndian(Exactly(bytes, 4, type));
            case CqlTypeCode.Double:
                return BinaryPrimitives.ReadDoubleBigEndian(Exactly(bytes, 8, type));
            case CqlTypeCode.Smallint:
                return BinaryPrimitives.ReadInt16BigEndian(Exactly(bytes, 2, type));
            case CqlTypeCode.Tinyint:
                return unchecked((sbyte)Exactly(bytes, 1, type)[0]);
            case CqlTypeCode.Varint:
                return new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
            case CqlTypeCode.Decimal:
                if (bytes.Length < 5)
                {
                    throw new InvalidDataException("A decimal needs a 4-byte scale and at least one unscaled byte.");
                }

                int scale = BinaryPrimitives.ReadInt32BigEndian(bytes);
                var unscaled = new BigInteger(bytes[4..], isUnsigned: false, isBigEndian: true);
                return (decimal)unscaled / (decimal)BigInteger.Pow(10, scale);
            case CqlTypeCode.Date:
                uint raw = BinaryPrimitives.ReadUInt32BigEndian(Exactly(bytes, 4, type));
                return DateOnly.FromDayNumber((int)(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (raw - DateEpochOffset)));
            case CqlTypeCode.Time:
                return TimeSpan.FromTicks(BinaryPrimitives.ReadInt64BigEndian(Exactly(bytes, 8, type)) / 100);
            case CqlTypeCode.Inet:
                if (bytes.Length is not (4 or 16))
                {
                    throw new InvalidDataException($"An inet value has {bytes.Length} bytes; 4 or 16 expected.");
                }

                return new IPAddress(bytes);
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                return ReadCollection(bytes, type);
            case CqlTypeCode.Map:
                return ReadMap(bytes, type);
            case CqlTypeCode.Tuple:
            case CqlTypeCode.Udt:
                return ReadFields(bytes, type);
            case CqlTypeCode.Custom when type.IsVector:
                return ReadVector(bytes, type);
            default:
                return bytes.ToArray();
        }
    }

    /// <summary>Writes an [unsigned vint] (v5 §3): the count of extra bytes as leading 1 bits, then the value big-endian.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteUnsignedVInt(CqlWriter writer, ulong value)
    {
        int significantBits = 64 - BitOperations.LeadingZeroCount(value | 1);
        int extraBytes = Math.Min(8, (significantBits - 1) / 7);
        if (extraBytes == 8)
        {
            writer.WriteByte(0xFF);
            BinaryPrimitives.WriteUInt64BigEndian(writer.Reserve(8), value);
            return;
        }

        var span = writer.Reserve(extraBytes + 1);
        for (int i = extraBytes; i > 0; i--)
        {
            span[i] = (byte)value;
            value >>= 8;
        }

        span[0] = (byte)((0xFF00 >> extraBytes) | (int)value);
    }

    /// <summary>Reads an [unsigned vint] (v5 §3).</summary>
    /// <param name="bytes">The bytes; advanced past the vint.</param>
    /// <returns>The value.</returns>
    public static ulong ReadUnsignedVInt(ref ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new InvalidDataException("A vint is truncated.");
        }

        byte first = bytes[0];
        int extraBytes = BitOperations.LeadingZeroCount((uint)(byte)~first) - 24;
        if (bytes.Length < extraBytes + 1)
        {
            throw new InvalidDataException("A vint is truncated.");
        }

        ulong value = extraBytes == 8 ? 0 : (ulong)(first & (0xFF >> extraBytes));
        for (int i = 1; i <= extraBytes; i++)
        {
            value = (value << 8) | bytes[i];
        }

        bytes = bytes[(extraBytes + 1)..];
        return value;
    }

    private static void WriteVarint(CqlWriter writer, BigInteger value)
    {
        int count = value.GetByteCount(isUnsigned: false);
        if (!value.TryWriteBytes(writer.Reserve(count), out _, isUnsigned: false, isBigEndian: true))
        {
            throw new InvalidOperationException("The varint could not be written.");
        }
    }

    private static void WriteNested(CqlWriter writer, object? value, CqlType type)
    {
        if (value is null)
        {
            writer.WriteNullBytes();
            return;
        }

        int placeholder = writer.ReserveLength();
        Serialize(writer, value, type);
        writer.PatchLength(placeholder);
    }

    private static void WriteCollection(CqlWriter writer, object value, CqlType type)
    {
        if (value is string || value is not IEnumerable enumerable)
        {
            throw Mismatch(value, type);
        }

        int countOffset = writer.ReserveLength();
        int count = 0;
        foreach (object? element in enumerable)
        {
            if (element is null)
            {
                throw new ArgumentException($"A {type} cannot contain null elements.", nameof(value));
            }

            WriteNested(writer, element, type.Parameters[0]);
            count++;
        }

        writer.PatchInt(countOffset, count);
    }

    private static void WriteMap(CqlWriter writer, object value, CqlType type)
    {
        var dictionary = value as IDictionary ?? throw Mismatch(value, type);
        writer.WriteInt(dictionary.Count);
        foreach (DictionaryEntry entry in dictionary)
        {
            WriteNested(writer, entry.Key, type.Parameters[0]);
            WriteNested(writer, entry.Value, type.Parameters[1]);
        }
    }

    private static void WriteVector(CqlWriter writer, object value, CqlType type)
    {
        var element = type.Parameters[0];
        if (element.Code == CqlTypeCode.Float)
        {
            var floats = value switch
            {
                float[] array => array,
                ReadOnlyMemory<float> memory => memory,
                Memory<float> memory => memory,
                _ => throw Mismatch(value, type),
            };
            if (floats.Length != type.VectorDimension)
            {
                throw new ArgumentException(
                    $"The vector has {floats.Length} elements but the column is {type}.", nameof(value));
            }

            var destination = writer.Reserve(floats.Length * 4);
            var source = floats.Span;
            for (int i = 0; i < source.Length; i++)
            {
                BinaryPrimitives.WriteSingleBigEndian(destination[(i * 4)..], source[i]);
            }

            return;
        }

        var elements = (value as IEnumerable ?? throw Mismatch(value, type)).Cast<object?>().ToList();
        if (elements.Count != type.VectorDimension)
        {
            throw new ArgumentException($"The vector has {elements.Count} elements but the column is {type}.", nameof(value));
        }

        int fixedSize = element.FixedVectorElementSize;
        foreach (object? item in elements)
        {
            if (item is null)
            {
                throw new ArgumentException("Vector elements cannot be null.", nameof(value));
            }

            if (fixedSize > 0)
            {
                Serialize(writer, item, element);
            }
            else
            {
                byte[] serialized = Serialize(item, element);
                WriteUnsignedVInt(writer, (ulong)serialized.Length);
                serialized.CopyTo(writer.Reserve(serialized.Length));
            }
        }
    }

    private static List<object?> ReadCollection(ReadOnlySpan<byte> bytes, CqlType type)
    {
        var reader = new CqlReader(bytes);
        int count = reader.ReadInt();
        if (count < 0)
        {
            throw new InvalidDataException($"A collection has the negative element count {count}.");
        }

        var list = new List<object?>(Math.Min(count, 1024));
        for (int i = 0; i < count; i++)
        {
            var element = reader.ReadBytes(out bool isNull);
            list.Add(isNull ? null : Deserialize(element, type.Parameters[0]));
        }

        return list;
    }

    private static Dictionary<object, object?> ReadMap(ReadOnlySpan<byte> bytes, CqlType type)
    {
        var reader = new CqlReader(bytes);
        int count = reader.ReadInt();
        if (count < 0)
        {
            throw new InvalidDataException($"A map has the negative entry count {count}.");
        }

        var map = new Dictionary<object, object?>(Math.Min(count, 1024));
        for (int i = 0; i < count; i++)
        {
            var keyBytes = reader.ReadBytes(out bool keyIsNull);
            object key = (keyIsNull ? null : Deserialize(keyBytes, type.Parameters[0]))
                ?? throw new InvalidDataException("A map key is null.");
            var valueBytes = reader.ReadBytes(out bool valueIsNull);
            map[key] = valueIsNull ? null : Deserialize(valueBytes, type.Parameters[1]);
        }

        return map;
    }

    private static object?[] ReadFields(ReadOnlySpan<byte> bytes, CqlType type)
    {
        var reader = new CqlReader(bytes);
        var fields = new object?[type.Parameters.Count];
        for (int i = 0; i < fields.Length && reader.Remaining > 0; i++)
        {
            var field = reader.ReadBytes(out bool isNull);
            fields[i] = isNull ? null : Deserialize(field, type.Parameters[i]);
        }

        return fields;
    }

    private static object ReadVector(ReadOnlySpan<byte> bytes, CqlType type)
    {
        var element = type.Parameters[0];
        int dimension = type.VectorDimension;
        if (element.Code == CqlTypeCode.Float)
        {
            var floats = new float[dimension];
            var data = Exactly(bytes, checked(dimension * 4), type);
            for (int i = 0; i < dimension; i++)
            {
                floats[i] = BinaryPrimitives.ReadSingleBigEndian(data[(i * 4)..]);
            }

            return floats;
        }

        var values = new object?[dimension];
        int fixedSize = element.FixedVectorElementSize;
        if (fixedSize > 0)
        {
            var data = Exactly(bytes, checked(dimension * fixedSize), type);
            for (int i = 0; i < dimension; i++)
            {
                values[i] = Deserialize(data.Slice(i * fixedSize, fixedSize), element);
            }

            return values;
        }

        var remaining = bytes;
        for (int i = 0; i < dimension; i++)
        {
            ulong length = ReadUnsignedVInt(ref remaining);
            if (length > (ulong)remaining.Length)
            {
                throw new InvalidDataException("A vector element is truncated.");
            }

            values[i] = Deserialize(remaining[..(int)length], element);
            remaining = remaining[(int)length..];
        }

        if (!remaining.IsEmpty)
        {
            throw new InvalidDataException($"A {type} value has {remaining.Length} trailing bytes.");
        }

        return values;
    }

    private static ReadOnlySpan<byte> Exactly(ReadOnlySpan<byte> bytes, int length, CqlType type) =>
        bytes.Length == length
            ? bytes
            : throw new InvalidDataException($"A {type} value has {bytes.Length} bytes; {length} expected.");

    private static T As<T>(object value, CqlType type) => value is T typed ? typed : throw Mismatch(value, type);

    private static ArgumentException Mismatch(object value, CqlType type) =>
        new($"A {value.GetType().Name} cannot be bound to a CQL {type} value.", nameof(value));
}
