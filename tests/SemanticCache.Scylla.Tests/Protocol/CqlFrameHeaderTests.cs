using static SemanticCache.Scylla.Tests.TestBytes;

namespace SemanticCache.Scylla.Tests;

public sealed class CqlFrameHeaderTests
{
    [Fact]
    public void Write_RequestHeader_IsNineBigEndianBytes()
    {
        // v4 §1-2: version 0x04 (request), flags, stream [short], opcode, length [int].
        var header = new CqlFrameHeader(CqlFrameHeader.RequestVersion, CqlFrameFlags.Tracing, 0x0102, CqlOpcode.Query, 0x00010203);
        byte[] bytes = new byte[9];

        header.Write(bytes);

        Assert.Equal(Hex("04 02 0102 07 00010203"), bytes);
    }

    [Fact]
    public void Read_EventResponseHeader_DecodesDirectionNegativeStreamAndFlags()
    {
        // An EVENT always uses stream -1 (v4 §2.3); 0x84 is a v4 response (§2.1).
        var header = CqlFrameHeader.Read(Hex("84 08 FFFF 0C 00000010"));

        Assert.True(header.IsResponse);
        Assert.Equal(4, header.ProtocolVersion);
        Assert.Equal(CqlFrameFlags.Warning, header.Flags);
        Assert.Equal(-1, header.Stream);
        Assert.Equal(CqlOpcode.Event, header.Opcode);
        Assert.Equal(16, header.BodyLength);
    }

    [Fact]
    public void Read_RequestVersionByte_IsNotAResponse()
    {
        var header = CqlFrameHeader.Read(Hex("04 00 7FFF 05 00000000"));

        Assert.False(header.IsResponse);
        Assert.Equal(short.MaxValue, header.Stream);
        Assert.Equal(CqlOpcode.Options, header.Opcode);
    }

    [Theory]
    [InlineData("Error", 0x00)]
    [InlineData("Startup", 0x01)]
    [InlineData("Ready", 0x02)]
    [InlineData("Authenticate", 0x03)]
    [InlineData("Options", 0x05)]
    [InlineData("Supported", 0x06)]
    [InlineData("Query", 0x07)]
    [InlineData("Result", 0x08)]
    [InlineData("Prepare", 0x09)]
    [InlineData("Execute", 0x0A)]
    [InlineData("Register", 0x0B)]
    [InlineData("Event", 0x0C)]
    [InlineData("Batch", 0x0D)]
    [InlineData("AuthChallenge", 0x0E)]
    [InlineData("AuthResponse", 0x0F)]
    [InlineData("AuthSuccess", 0x10)]
    public void Opcode_Values_MatchSection2_4(string opcode, byte expected)
    {
        Assert.Equal(expected, (byte)Enum.Parse<CqlOpcode>(opcode));
    }
}
