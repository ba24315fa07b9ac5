using System.Net;
using System.Numerics;
using static SemanticCache.Scylla.Tests.TestBytes;

namespace SemanticCache.Scylla.Tests;

public sealed class CqlValueCodecTests
{
    public static TheoryData<string, object, string> NativeValues => new()
    {
        // v4 §6: every encoding is big-endian and carries no length of its own.
        { "int", 1, "00000001" },
        { "int", -1, "FFFFFFFF" },
        { "bigint", 0x0102030405060708L, "0102030405060708" },
        { "boolean", true, "01" },
        { "boolean", false, "00" },
        { "float", 1.0f, "3F800000" },
        { "double", -2.0, "C000000000000000" },
        { "smallint", (short)-2, "FFFE" },
        { "tinyint", (sbyte)-128, "80" },
        { "text", "é", "C3A9" },
        { "ascii", "A", "41" },
        { "blob", new byte[] { 0xCA, 0xFE }, "CAFE" },
        { "uuid", Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), "00112233445566778899AABBCCDDEEFF" },
        { "timestamp", DateTimeOffset.FromUnixTimeMilliseconds(1000), "00000000000003E8" },
        { "timestamp", DateTimeOffset.FromUnixTimeMilliseconds(-1), "FFFFFFFFFFFFFFFF" },
        { "date", new DateOnly(1970, 1, 1), "80000000" },
        { "date", new DateOnly(1970, 1, 2), "80000001" },
        { "time", TimeSpan.FromSeconds(1), "000000003B9ACA00" },
        { "inet", IPAddress.Parse("10.0.0.1"), "0A000001" },
    };

    public static TheoryData<long, string> VarintExamples => new()
    {
        // The table of v4 §6.23.
        { 0, "00" },
        { 1, "01" },
        { 127, "7F" },
        { 128, "0080" },
        { 129, "0081" },
        { -1, "FF" },
        { -128, "80" },
        { -129, "FF7F" },
    };

    [Theory]
    [MemberData(nameof(NativeValues))]
    public void SerializeAndDeserialize_NativeTypes_MatchSection6(string typeName, object value, string hex)
    {
        var type = TypeNamed(typeName);

        byte[] bytes = CqlValueCodec.Serialize(value, type);
        object? decoded = CqlValueCodec.Deserialize(bytes, type);

        Assert.Equal(Hex(hex), bytes);
        Assert.Equal(value, decoded);
    }

    [Theory]
    [MemberData(nameof(VarintExamples))]
    public void SerializeVarint_SpecificationExamples(long value, string hex)
    {
        Assert.Equal(Hex(hex), CqlValueCodec.Serialize(new BigInteger(value), CqlType.Varint));
        Assert.Equal(new BigInteger(value), CqlValueCodec.Deserialize(Hex(hex), CqlType.Varint));
    }

    [Fact]
    public void SerializeDecimal_IsScaleThenUnscaledVarint()
    {
        // "<unscaled>E<-scale>" (v4 §6.6): 1.28 = 128 x 10^-2.
        byte[] bytes = CqlValueCodec.Serialize(1.28m, CqlType.Decimal);

        Assert.Equal(Hex("00000002 0080"), bytes);
        Assert.Equal(1.28m, CqlValueCodec.Deserialize(bytes, CqlType.Decimal));
    }

    [Fact]
    public void SerializeList_IsIntCountThenBytesElements()
    {
        var type = CqlType.List(CqlType.Int);

        byte[] bytes = CqlValueCodec.Serialize(new List<int> { 1, 2 }, type);

        Assert.Equal(Hex("00000002 00000004 00000001 00000004 00000002"), bytes);
        Assert.Equal(new List<object?> { 1, 2 }, CqlValueCodec.Deserialize(bytes, type));
    }

    [Fact]
    public void SerializeSetOfText_KeepsElementOrder()
    {
        var type = CqlType.Set(CqlType.Varchar);

        byte[] bytes = CqlValueCodec.Serialize(new[] { "b", "a" }, type);

        Assert.Equal(Hex("00000002 00000001 62 00000001 61"), bytes);
        Assert.Equal(new List<object?> { "b", "a" }, CqlValueCodec.Deserialize(bytes, type));
    }

    [Fact]
    public void SerializeMap_IsIntCountThenKeyValueBytes()
    {
        var type = CqlType.Map(CqlType.Varchar, CqlType.Bigint);

        byte[] bytes = CqlValueCodec.Serialize(new Dictionary<string, long> { ["k"] = 1 }, type);

        Assert.Equal(Hex("00000001 00000001 6B 00000008 0000000000000001"), bytes);
        var decoded = Assert.IsType<Dictionary<object, object?>>(CqlValueCodec.Deserialize(bytes, type));
        Assert.Equal(1L, decoded["k"]);
    }

    [Fact]
    public void SerializeFloatVector_IsTheElementsConcatenatedWithoutAnyLength()
    {
        // v5 §5.25: a fixed-length element type is written as the n elements, no count, no per-element length.
        var type = CqlType.Vector(CqlType.Float, 3);

        byte[] bytes = CqlValueCodec.Serialize(new float[] { 1f, 2f, 3f }, type);

        Assert.Equal(Hex("3F800000 40000000 40400000"), bytes);
        Assert.Equal(new float[] { 1f, 2f, 3f }, CqlValueCodec.Deserialize(bytes, type));
    }

    [Fact]
    public void SerializeFloatVector_FromReadOnlyMemory_IsTheSame()
    {
        var type = CqlType.Vector(CqlType.Float, 2);

        byte[] bytes = CqlValueCodec.Serialize(new ReadOnlyMemory<float>([0.5f, -0.5f]), type);

        Assert.Equal(Hex("3F000000 BF000000"), bytes);
    }

    [Fact]
    public void SerializeFloatVector_WrongDimension_Throws()
    {
        Assert.Throws<ArgumentException>(() => CqlValueCodec.Serialize(new float[] { 1f, 2f }, CqlType.Vector(CqlType.Float, 3)));
    }

    [Fact]
    public void DeserializeFloatVector_WrongLength_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => CqlValueCodec.Deserialize(Hex("3F800000 40000000"), CqlType.Vector(CqlType.Float, 3)));
    }

    [Fact]
    public void SerializeTextVector_PrefixesEachElementWithAnUnsignedVint()
    {
        // Variable-length elements are preceded by their size (v5 §5.25), as an [unsigned vint].
        var type = CqlType.Vector(CqlType.Varchar, 2);

        byte[] bytes = CqlValueCodec.Serialize(new[] { "a", "bc" }, type);

        Assert.Equal(Hex("01 61 02 6263"), bytes);
        Assert.Equal(new object?[] { "a", "bc" }, CqlValueCodec.Deserialize(bytes, type));
    }

    [Fact]
    public void SerializeBigintVector_IsFixedSize()
    {
        var type = CqlType.Vector(CqlType.Bigint, 2);

        byte[] bytes = CqlValueCodec.Serialize(new object[] { 1L, 2L }, type);

        Assert.Equal(Hex("0000000000000001 0000000000000002"), bytes);
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7F")]
    [InlineData(128UL, "8080")]
    [InlineData(16383UL, "BFFF")]
    [InlineData(16384UL, "C04000")]
    [InlineData(256000UL, "C3E800")] // the example of v5 §3: [110]00011 11101000 00000000
    [InlineData(ulong.MaxValue, "FF FFFFFFFFFFFFFFFF")]
    public void UnsignedVInt_RoundTripsWithTheSpecificationLayout(ulong value, string hex)
    {
        using var writer = new CqlWriter();

        CqlValueCodec.WriteUnsignedVInt(writer, value);
        ReadOnlySpan<byte> written = writer.ToArray();
        ulong decoded = CqlValueCodec.ReadUnsignedVInt(ref written);

        Assert.Equal(Hex(hex), writer.ToArray());
        Assert.Equal(value, decoded);
        Assert.True(written.IsEmpty);
    }

    [Fact]
    public void WriteValue_NullAndUnset_UseTheValueLengths()
    {
        using var writer = new CqlWriter();

        CqlValueCodec.WriteValue(writer, null, CqlType.Int);
        CqlValueCodec.WriteValue(writer, CqlUnset.Value, CqlType.Int);
        CqlValueCodec.WriteValue(writer, 7, CqlType.Int);

        Assert.Equal(Hex("FFFFFFFF FFFFFFFE 00000004 00000007"), writer.ToArray());
    }

    [Fact]
    public void Deserialize_EmptyValueOfNonStringType_IsNull()
    {
        // "Empty" values are legal and distinct from null on the wire (v4 §6); they carry no number.
        Assert.Null(CqlValueCodec.Deserialize([], CqlType.Int));
        Assert.Equal(string.Empty, CqlValueCodec.Deserialize([], CqlType.Varchar));
    }

    [Fact]
    public void Deserialize_WrongFixedLength_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => CqlValueCodec.Deserialize(Hex("000001"), CqlType.Int));
    }

    [Fact]
    public void Serialize_MismatchedClrType_Throws()
    {
        Assert.Throws<ArgumentException>(() => CqlValueCodec.Serialize("1", CqlType.Int));
        Assert.Throws<ArgumentException>(() => CqlValueCodec.Serialize("é", CqlType.Ascii));
    }

    [Fact]
    public void Serialize_ListWithNullElement_Throws()
    {
        Assert.Throws<ArgumentException>(() => CqlValueCodec.Serialize(new List<string?> { "a", null }, CqlType.List(CqlType.Varchar)));
    }

    [Fact]
    public void Deserialize_TupleWithNullField_KeepsNull()
    {
        var type = CqlType.Tuple([CqlType.Int, CqlType.Varchar]);

        var decoded = CqlValueCodec.Deserialize(Hex("00000004 00000009 FFFFFFFF"), type);

        Assert.Equal(new object?[] { 9, null }, decoded);
    }

    private static CqlType TypeNamed(string name) => name switch
    {
        "int" => CqlType.Int,
        "bigint" => CqlType.Bigint,
        "boolean" => CqlType.Boolean,
        "float" => CqlType.Float,
        "double" => CqlType.Double,
        "smallint" => CqlType.Smallint,
        "tinyint" => CqlType.Tinyint,
        "text" => CqlType.Varchar,
        "ascii" => CqlType.Ascii,
        "blob" => CqlType.Blob,
        "uuid" => CqlType.Uuid,
        "timestamp" => CqlType.Timestamp,
        "date" => CqlType.Date,
        "time" => CqlType.Time,
        "inet" => CqlType.Inet,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
