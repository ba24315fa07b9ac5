using static SemanticCache.Scylla.Tests.TestBytes;

namespace SemanticCache.Scylla.Tests;

public sealed class CqlReaderTests
{
    [Fact]
    public void ReadNotations_DecodeWhatTheSpecificationLaysOut()
    {
        var reader = new CqlReader(Hex("AB 1234 FFFFFFFE 0102030405060708 0002C3A9 00000002 6162 0002CAFE"));

        Assert.Equal(0xAB, reader.ReadByte());
        Assert.Equal(0x1234, reader.ReadShort());
        Assert.Equal(-2, reader.ReadInt());
        Assert.Equal(0x0102030405060708, reader.ReadLong());
        Assert.Equal("é", reader.ReadString());
        Assert.Equal("ab", reader.ReadLongString());
        Assert.Equal(Hex("CAFE"), reader.ReadShortBytes().ToArray());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void ReadBytes_NegativeLength_IsNull()
    {
        var reader = new CqlReader(Hex("FFFFFFFF 00000000"));

        reader.ReadBytes(out bool first);
        var empty = reader.ReadBytes(out bool second);

        Assert.True(first);
        Assert.False(second);
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public void ReadValue_DistinguishesNullAndNotSet()
    {
        var reader = new CqlReader(Hex("FFFFFFFF FFFFFFFE 00000001 05"));

        reader.ReadValue(out var nullKind);
        reader.ReadValue(out var notSetKind);
        var present = reader.ReadValue(out var presentKind);

        Assert.Equal(CqlValueKind.Null, nullKind);
        Assert.Equal(CqlValueKind.NotSet, notSetKind);
        Assert.Equal(CqlValueKind.Present, presentKind);
        Assert.Equal([5], present.ToArray());
    }

    [Fact]
    public void ReadValue_LengthBelowMinusTwo_IsInvalid()
    {
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new CqlReader(Hex("FFFFFFFD"));
            reader.ReadValue(out _);
        });
    }

    [Fact]
    public void ReadString_Truncated_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new CqlReader(Hex("0005 6162"));
            reader.ReadString();
        });
    }

    [Fact]
    public void ReadString_InvalidUtf8_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new CqlReader(Hex("0001 FF"));
            reader.ReadString();
        });
    }

    [Fact]
    public void ReadMaps_DecodeCountsAndPairs()
    {
        var reader = new CqlReader(Hex(
            "0002 0001 61 0002 6263" + "0001 0001 6B 0001 76" + "0001 0001 6D 0002 0001 78 0001 79" + "0001 0001 70 FFFFFFFF"));

        Assert.Equal(["a", "bc"], reader.ReadStringList());
        Assert.Equal("v", reader.ReadStringMap()["k"]);
        Assert.Equal(["x", "y"], reader.ReadStringMultimap()["m"]);
        Assert.Null(reader.ReadBytesMap()["p"]);
    }

    [Fact]
    public void ReadInet_Ipv6_DecodesAddressAndPort()
    {
        var reader = new CqlReader(Hex("10 00000000000000000000000000000001 00002352"));

        var endPoint = reader.ReadInet();

        Assert.Equal("::1", endPoint.Address.ToString());
        Assert.Equal(9042, endPoint.Port);
    }

    [Fact]
    public void ReadInet_InvalidSize_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new CqlReader(Hex("05 0000000000 00000000"));
            reader.ReadInet();
        });
    }

    [Fact]
    public void ReadTypeOption_UdtAndTuple_AreParsedRecursively()
    {
        // UDT: <ks><udt_name><n><name_i><type_i>; tuple: <n><type_i> (v4 §4.2.5.2).
        var reader = new CqlReader(Hex("0030 0002 6B73 0001 75 0002 0001 61 0009 0001 62 0031 0002 000D 0020 0004"));

        var udt = reader.ReadTypeOption();

        Assert.Equal(CqlTypeCode.Udt, udt.Code);
        Assert.Equal("ks", udt.UdtKeyspace);
        Assert.Equal(["a", "b"], udt.FieldNames);
        Assert.Equal(CqlTypeCode.Int, udt.Parameters[0].Code);
        Assert.Equal(CqlTypeCode.Tuple, udt.Parameters[1].Code);
        Assert.Equal(CqlTypeCode.List, udt.Parameters[1].Parameters[1].Code);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void ReadTypeOption_UnknownId_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new CqlReader(Hex("0099"));
            reader.ReadTypeOption();
        });
    }
}
