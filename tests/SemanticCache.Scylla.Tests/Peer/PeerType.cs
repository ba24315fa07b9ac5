using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SemanticCache.Scylla.Tests;

/// <summary>A column type of the peer's table engine: its [option] id, fixed size and validation of received values.</summary>
internal sealed partial class PeerType
{
    private PeerType(string name, int optionId, int fixedSize, PeerType? element = null, int dimension = 0, string? customClass = null)
    {
        Name = name;
        OptionId = optionId;
        FixedSize = fixedSize;
        Element = element;
        Dimension = dimension;
        CustomClass = customClass;
    }

    public static PeerType Int { get; } = new("int", 0x0009, 4);

    public static PeerType Uuid { get; } = new("uuid", 0x000C, 16);

    public string Name { get; }

    public int OptionId { get; }

    public int FixedSize { get; }

    public PeerType? Element { get; }

    public int Dimension { get; }

    public string? CustomClass { get; }

    public bool IsVector => Dimension > 0;

    /// <summary>Parses a CQL type as written in CREATE TABLE.</summary>
    public static PeerType Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        var vector = VectorPattern().Match(t);
        if (vector.Success)
        {
            if (vector.Groups[1].Value != "float")
            {
                throw new PeerException(0x2200, "Vector indexes are only supported on columns of vectors of floats");
            }

            int dimension = int.Parse(vector.Groups[2].Value, CultureInfo.InvariantCulture);
            if (dimension is < 1 or > 16000)
            {
                throw new PeerException(0x2200, "Vectors must have a dimension less than or equal to 16000");
            }

            // ScyllaDB's spelling of the marshal class (types/types.cc): element class, comma and space, dimension.
            string customClass = string.Create(CultureInfo.InvariantCulture, $"org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, {dimension})");
            return new PeerType(t, 0x0000, 4 * dimension, new PeerType("float", 0x0008, 4), dimension, customClass);
        }

        var collection = CollectionPattern().Match(t);
        if (collection.Success)
        {
            var element = Parse(collection.Groups[2].Value);
            return new PeerType(t, collection.Groups[1].Value == "list" ? 0x0020 : 0x0022, 0, element);
        }

        return t switch
        {
            "text" or "varchar" => new PeerType("text", 0x000D, 0),
            "ascii" => new PeerType("ascii", 0x0001, 0),
            "blob" => new PeerType("blob", 0x0003, 0),
            "int" => Int,
            "bigint" => new PeerType("bigint", 0x0002, 8),
            "timestamp" => new PeerType("timestamp", 0x000B, 8),
            "boolean" => new PeerType("boolean", 0x0004, 1),
            "float" => new PeerType("float", 0x0008, 4),
            "double" => new PeerType("double", 0x0007, 8),
            "uuid" => Uuid,
            _ => throw new PeerException(0x2000, $"Unknown type {text}"),
        };
    }

    /// <summary>Rejects a received value that is not a valid serialisation of this type (v4 §6).</summary>
    public void Validate(byte[] value, string column)
    {
        if (value.Length == 0 && !IsVector)
        {
            return; // "empty" values are legal for non-string types too (v4 §6)
        }

        if (FixedSize > 0 && value.Length != FixedSize)
        {
            throw new PeerException(0x2200, $"Expected {FixedSize} bytes for {Name} column {column}, got {value.Length}");
        }

        if (OptionId is 0x000D)
        {
            try
            {
                _ = new UTF8Encoding(false, true).GetString(value);
            }
            catch (DecoderFallbackException)
            {
                throw new PeerException(0x2200, $"Invalid UTF-8 for column {column}");
            }
        }

        if (OptionId is 0x0020 or 0x0022)
        {
            // [int n] then n [bytes] elements (v4 §6.11, §6.13), consuming the value exactly.
            var reader = new PeerReader(value);
            int count = reader.Int();
            for (int i = 0; i < count; i++)
            {
                var element = reader.Bytes() ?? throw new PeerException(0x2200, $"null element in collection {column}");
                Element!.Validate(element, column);
            }

            if (reader.Remaining != 0)
            {
                throw new PeerException(0x2200, $"{reader.Remaining} trailing bytes in collection {column}");
            }
        }
    }

    /// <summary>Decodes a vector&lt;float, N&gt; value: N big-endian IEEE floats.</summary>
    public float[] DecodeVector(byte[] value)
    {
        var floats = new float[Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            floats[i] = BinaryPrimitives.ReadSingleBigEndian(value.AsSpan(i * 4));
        }

        return floats;
    }

    [GeneratedRegex(@"^vector<\s*(\w+)\s*,\s*(\d+)\s*>$")]
    private static partial Regex VectorPattern();

    [GeneratedRegex(@"^(list|set)<\s*(.+)\s*>$")]
    private static partial Regex CollectionPattern();
}
