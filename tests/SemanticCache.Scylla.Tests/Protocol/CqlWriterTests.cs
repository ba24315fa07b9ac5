using System.Net;
using static SemanticCache.Scylla.Tests.TestBytes;

namespace SemanticCache.Scylla.Tests;

public sealed class CqlWriterTests
{
    [Fact]
    public void WriteIntegers_AreBigEndian()
    {
        using var writer = new CqlWriter();

        writer.WriteByte(0xAB);
        writer.WriteShort(0x1234);
        writer.WriteInt(-2);
        writer.WriteLong(0x0102030405060708);

        Assert.Equal(Hex("AB 1234 FFFFFFFE 0102030405060708"), writer.ToArray());
    }

    [Fact]
    public void WriteString_IsShortLengthThenUtf8()
    {
        using var writer = new CqlWriter();

        writer.WriteString("é");
        writer.WriteLongString("ab");

        Assert.Equal(Hex("0002 C3A9 00000002 6162"), writer.ToArray());
    }

    [Fact]
    public void WriteString_LongerThanAShort_Throws()
    {
        using var writer = new CqlWriter();

        Assert.Throws<ArgumentException>(() => writer.WriteString(new string('x', 70_000)));
    }

    [Fact]
    public void WriteBytesAndValues_UseNegativeLengthsForNullAndNotSet()
    {
        using var writer = new CqlWriter();

        writer.WriteBytes([1, 2]);
        writer.WriteNullBytes();
        writer.WriteUnsetValue();
        writer.WriteShortBytes([0xCA, 0xFE]);

        // [bytes] n<0 is null; [value] -2 is "not set" (v4 §3).
        Assert.Equal(Hex("00000002 0102 FFFFFFFF FFFFFFFE 0002 CAFE"), writer.ToArray());
    }

    [Fact]
    public void WriteUuid_IsRfc4122ByteOrder()
    {
        using var writer = new CqlWriter();

        writer.WriteUuid(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"));

        Assert.Equal(Hex("00112233445566778899AABBCCDDEEFF"), writer.ToArray());
    }

    [Fact]
    public void WriteMaps_AreCountThenPairs()
    {
        using var writer = new CqlWriter();

        writer.WriteStringList(["a", "bc"]);
        writer.WriteStringMap([new("k", "v")]);
        writer.WriteStringMultimap([new("m", (IReadOnlyList<string>)["x", "y"])]);

        Assert.Equal(
            Hex("0002 0001 61 0002 6263" + "0001 0001 6B 0001 76" + "0001 0001 6D 0002 0001 78 0001 79"),
            writer.ToArray());
    }

    [Fact]
    public void WriteInet_IsSizeAddressAndIntPort()
    {
        using var writer = new CqlWriter();

        writer.WriteInet(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 9042));

        Assert.Equal(Hex("04 7F000001 00002352"), writer.ToArray());
    }

    [Fact]
    public void WriteConsistency_IsAShort()
    {
        using var writer = new CqlWriter();

        writer.WriteConsistency(ScyllaConsistency.LocalOne);
        writer.WriteConsistency(ScyllaConsistency.LocalQuorum);

        Assert.Equal(Hex("000A 0006"), writer.ToArray());
    }

    [Fact]
    public void WriteTypeOption_CollectionsAndVectors_FollowSection4_2_5_2()
    {
        using var writer = new CqlWriter();

        writer.WriteTypeOption(CqlType.List(CqlType.Varchar));
        writer.WriteTypeOption(CqlType.Map(CqlType.Varchar, CqlType.Int));
        writer.WriteTypeOption(CqlType.Vector(CqlType.Float, 3));

        string vectorClass = "org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 3)";
        Assert.Equal(
            Concat(Hex("0020 000D" + "0021 000D 0009"), Hex("0000"), [0, (byte)vectorClass.Length], Utf8(vectorClass)),
            writer.ToArray());
    }

    [Fact]
    public void ReserveLengthAndPatch_WritesTheLengthOfWhatFollows()
    {
        using var writer = new CqlWriter(16);
        int placeholder = writer.ReserveLength();

        writer.Reserve(40).Fill(7); // grows past the initial capacity
        writer.PatchLength(placeholder);

        Assert.Equal(Hex("00000028"), writer.ToArray()[..4]);
        Assert.Equal(44, writer.Length);
    }
}
