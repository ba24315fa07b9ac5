using System.Buffers;
using static SemanticCache.Scylla.Tests.TestBytes;

namespace SemanticCache.Scylla.Tests;

public sealed class CqlResponseDecoderTests
{
    private const string VectorClass = "org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 2)";

    [Fact]
    public void DecodeResult_Void_HasKindOne()
    {
        using var frame = Frame(CqlOpcode.Result, Hex("00000001"));

        Assert.Equal(CqlResultKind.Void, CqlResponseDecoder.DecodeResult(frame).Kind);
    }

    [Fact]
    public void DecodeResult_RowsWithGlobalTableSpec_DecodesColumnsCellsAndPagingState()
    {
        byte[] body = Concat(
            Hex("00000002"),                       // Rows
            Hex("00000003 00000002"),              // Global_tables_spec | Has_more_pages, 2 columns
            Hex("00000002 ABCD"),                  // paging state
            Hex("0002"), Utf8("ks"), Hex("0001"), Utf8("t"),
            Hex("0001"), Utf8("k"), Hex("000D"),
            Hex("0001"), Utf8("v"), Hex("0000"), [0, (byte)VectorClass.Length], Utf8(VectorClass),
            Hex("00000002"),                       // 2 rows
            Hex("00000001"), Utf8("a"), Hex("00000008 3F800000 40000000"),
            Hex("00000001"), Utf8("b"), Hex("FFFFFFFF"));
        using var frame = Frame(CqlOpcode.Result, body);

        var rows = CqlResponseDecoder.DecodeResult(frame).Rows!;

        Assert.Equal(["k", "v"], rows.Columns.Select(c => c.Name));
        Assert.All(rows.Columns, c => Assert.Equal(("ks", "t"), (c.Keyspace, c.Table)));
        Assert.Equal(2, rows.Columns[1].Type.VectorDimension);
        Assert.Equal("a", rows.Rows[0][0]);
        Assert.Equal(new float[] { 1f, 2f }, rows.Rows[0][1]);
        Assert.Null(rows.Rows[1][1]);
        Assert.Equal(Hex("ABCD"), rows.PagingState);
        Assert.True(rows.HasMorePages);
        Assert.Equal(1, rows.IndexOf("v"));
    }

    [Fact]
    public void DecodeResult_RowsWithPerColumnTableSpec_ReadsKeyspaceAndTableForEachColumn()
    {
        byte[] body = Concat(
            Hex("00000002 00000000 00000001"),
            Hex("0002"), Utf8("k1"), Hex("0002"), Utf8("t1"), Hex("0001"), Utf8("n"), Hex("0009"),
            Hex("00000001 00000004 0000002A"));
        using var frame = Frame(CqlOpcode.Result, body);

        var rows = CqlResponseDecoder.DecodeResult(frame).Rows!;

        Assert.Equal("k1", rows.Columns[0].Keyspace);
        Assert.Equal(42, rows.Rows[0][0]);
        Assert.False(rows.HasMorePages);
    }

    [Fact]
    public void DecodeResult_RowsWithNoMetadata_KeepsCellBytes()
    {
        using var frame = Frame(CqlOpcode.Result, Hex("00000002 00000004 00000001 00000001 00000002 0102"));

        var rows = CqlResponseDecoder.DecodeResult(frame).Rows!;

        Assert.Empty(rows.Columns);
        Assert.Equal(1, rows.ColumnCount);
        Assert.Equal(Hex("0102"), rows.Rows[0][0]);
    }

    [Fact]
    public void DecodeResult_Prepared_ReadsIdPartitionKeyIndexesMarkersAndResultMetadata()
    {
        byte[] body = Concat(
            Hex("00000004"),
            Hex("0002 CAFE"),
            Hex("00000001 00000002 00000001 0001"),      // global spec, 2 markers, pk at marker 1
            Hex("0002"), Utf8("ks"), Hex("0001"), Utf8("t"),
            Hex("0007"), Utf8("[limit]"), Hex("0009"),
            Hex("0003"), Utf8("key"), Hex("000D"),
            Hex("00000001 00000001"), Hex("0002"), Utf8("ks"), Hex("0001"), Utf8("t"), Hex("0001"), Utf8("v"), Hex("0003"));
        using var frame = Frame(CqlOpcode.Result, body);

        var prepared = CqlResponseDecoder.DecodeResult(frame).Prepared!;

        Assert.Equal(Hex("CAFE"), prepared.Id);
        Assert.Equal([1], prepared.PartitionKeyIndexes);
        Assert.Equal(["[limit]", "key"], prepared.Variables.Select(v => v.Name));
        Assert.Equal([CqlTypeCode.Int, CqlTypeCode.Varchar], prepared.VariableTypes.Select(t => t.Code));
        Assert.Equal(CqlTypeCode.Blob, prepared.ResultColumns[0].Type.Code);
    }

    [Fact]
    public void DecodeResult_PreparedWithoutResultMetadata_HasNoResultColumns()
    {
        using var frame = Frame(CqlOpcode.Result, Hex("00000004 0001 01 00000000 00000000 00000000 00000004 00000000"));

        var prepared = CqlResponseDecoder.DecodeResult(frame).Prepared!;

        Assert.Empty(prepared.Variables);
        Assert.Empty(prepared.ResultColumns);
    }

    [Fact]
    public void DecodeResult_SetKeyspace_ReadsTheName()
    {
        using var frame = Frame(CqlOpcode.Result, Concat(Hex("00000003 0002"), Utf8("ks")));

        Assert.Equal("ks", CqlResponseDecoder.DecodeResult(frame).Keyspace);
    }

    [Fact]
    public void DecodeResult_SchemaChangeOnTable_ReadsChangeTargetKeyspaceAndName()
    {
        using var frame = Frame(CqlOpcode.Result, Concat(
            Hex("00000005"), Hex("0007"), Utf8("CREATED"), Hex("0005"), Utf8("TABLE"), Hex("0002"), Utf8("ks"), Hex("0001"), Utf8("t")));

        var change = CqlResponseDecoder.DecodeResult(frame).SchemaChange!;

        Assert.Equal(new CqlSchemaChange("CREATED", "TABLE", "ks", "t", []), change with { ArgumentTypes = [] });
    }

    [Fact]
    public void DecodeResult_SchemaChangeOnFunction_ReadsArgumentTypes()
    {
        using var frame = Frame(CqlOpcode.Result, Concat(
            Hex("00000005"), Hex("0007"), Utf8("DROPPED"), Hex("0008"), Utf8("FUNCTION"), Hex("0002"), Utf8("ks"),
            Hex("0001"), Utf8("f"), Hex("0001 0003"), Utf8("int")));

        Assert.Equal(["int"], CqlResponseDecoder.DecodeResult(frame).SchemaChange!.ArgumentTypes);
    }

    [Fact]
    public void DecodeResult_TracingAndWarningFlags_AreReadBeforeTheBody()
    {
        // Tracing id first, then the [string list] of warnings (v4 §2.2), then the usual body.
        byte[] body = Concat(Hex("00112233445566778899AABBCCDDEEFF"), Hex("0001 0002"), Utf8("hi"), Hex("00000001"));
        using var frame = Frame(CqlOpcode.Result, body, CqlFrameFlags.Tracing | CqlFrameFlags.Warning);

        var result = CqlResponseDecoder.DecodeResult(frame);

        Assert.Equal(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), result.TracingId);
        Assert.Equal(["hi"], result.Warnings);
        Assert.Equal(CqlResultKind.Void, result.Kind);
    }

    [Fact]
    public void DecodeResult_CustomPayloadFlag_SkipsTheBytesMap()
    {
        byte[] body = Concat(Hex("0001 0001"), Utf8("p"), Hex("00000001 07"), Hex("00000001"));
        using var frame = Frame(CqlOpcode.Result, body, CqlFrameFlags.CustomPayload);

        Assert.Equal(CqlResultKind.Void, CqlResponseDecoder.DecodeResult(frame).Kind);
    }

    [Fact]
    public void DecodeResult_CompressedFrame_IsRejected()
    {
        using var frame = Frame(CqlOpcode.Result, Hex("00000001"), CqlFrameFlags.Compression);

        Assert.Throws<InvalidDataException>(() => CqlResponseDecoder.DecodeResult(frame));
    }

    [Fact]
    public void DecodeResult_UnknownKind_IsRejected()
    {
        using var frame = Frame(CqlOpcode.Result, Hex("00000009"));

        Assert.Throws<InvalidDataException>(() => CqlResponseDecoder.DecodeResult(frame));
    }

    [Fact]
    public void DecodeResult_TruncatedRows_IsRejected()
    {
        using var frame = Frame(CqlOpcode.Result, Hex("00000002 00000004 00000001 00000001 00000005 01"));

        Assert.Throws<InvalidDataException>(() => CqlResponseDecoder.DecodeResult(frame));
    }

    [Fact]
    public void DecodeSupported_IsAStringMultimap()
    {
        using var frame = Frame(CqlOpcode.Supported, Concat(Hex("0001 000B"), Utf8("CQL_VERSION"), Hex("0001 0005"), Utf8("3.4.7")));

        Assert.Equal(["3.4.7"], CqlResponseDecoder.DecodeSupported(frame)["CQL_VERSION"]);
    }

    [Fact]
    public void DecodeAuthenticate_IsTheAuthenticatorClass()
    {
        const string Authenticator = "org.apache.cassandra.auth.PasswordAuthenticator";
        using var frame = Frame(CqlOpcode.Authenticate, Concat([0, (byte)Authenticator.Length], Utf8(Authenticator)));

        Assert.Equal(Authenticator, CqlResponseDecoder.DecodeAuthenticate(frame));
    }

    [Fact]
    public void DecodeAuthToken_NullBytes_IsNull()
    {
        using var success = Frame(CqlOpcode.AuthSuccess, Hex("FFFFFFFF"));
        using var challenge = Frame(CqlOpcode.AuthChallenge, Hex("00000001 2A"));

        Assert.Null(CqlResponseDecoder.DecodeAuthToken(success));
        Assert.Equal([0x2A], CqlResponseDecoder.DecodeAuthToken(challenge));
    }

    [Theory]
    [InlineData("0000", ScyllaErrorCode.ServerError, "")]
    [InlineData("000A", ScyllaErrorCode.ProtocolError, "")]
    [InlineData("0100", ScyllaErrorCode.AuthenticationError, "")]
    [InlineData("1001", ScyllaErrorCode.Overloaded, "")]
    [InlineData("2000", ScyllaErrorCode.SyntaxError, "")]
    [InlineData("2200", ScyllaErrorCode.Invalid, "")]
    [InlineData("1000", ScyllaErrorCode.Unavailable, "0006 00000003 00000001")]
    [InlineData("1100", ScyllaErrorCode.WriteTimeout, "0004 00000001 00000002 0006 53494D504C45")]
    [InlineData("1200", ScyllaErrorCode.ReadTimeout, "0001 00000000 00000001 00")]
    [InlineData("1300", ScyllaErrorCode.ReadFailure, "0001 00000000 00000001 00000001 01")]
    [InlineData("1500", ScyllaErrorCode.WriteFailure, "0001 00000000 00000001 00000001 0005 4241544348")]
    [InlineData("1400", ScyllaErrorCode.FunctionFailure, "0002 6B73 0001 66 0001 0003 696E74")]
    [InlineData("2400", ScyllaErrorCode.AlreadyExists, "0002 6B73 0001 74")]
    public void DecodeResult_ErrorFrames_BecomeTypedExceptionsWithCodeAndMessage(string code, ScyllaErrorCode expected, string extra)
    {
        using var frame = Frame(CqlOpcode.Error, Concat(Hex("0000" + code), Hex("0004"), Utf8("oops"), Hex(extra)));

        var exception = Assert.Throws<ScyllaServerException>(() => CqlResponseDecoder.DecodeResult(frame));

        Assert.Equal(expected, exception.ErrorCode);
        Assert.Equal("oops", exception.ServerMessage);
        Assert.Contains("oops", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeResult_UnavailableError_DescribesItsFields()
    {
        using var frame = Frame(CqlOpcode.Error, Concat(Hex("00001000 0001"), Utf8("u"), Hex("0006 00000003 00000001")));

        var exception = Assert.Throws<ScyllaServerException>(() => CqlResponseDecoder.DecodeResult(frame));

        Assert.Contains("consistency LocalQuorum, required 3, alive 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeResult_UnpreparedError_CarriesTheUnknownId()
    {
        using var frame = Frame(CqlOpcode.Error, Concat(Hex("00002500 0001"), Utf8("u"), Hex("0002 CAFE")));

        var exception = Assert.Throws<CqlUnpreparedException>(() => CqlResponseDecoder.DecodeResult(frame));

        Assert.Equal(ScyllaErrorCode.Unprepared, exception.ErrorCode);
        Assert.Equal(Hex("CAFE"), exception.UnknownId);
    }

    [Fact]
    public void DecodeSupported_OnAnErrorFrame_ThrowsTheError()
    {
        using var frame = Frame(CqlOpcode.Error, Concat(Hex("0000000A 0003"), Utf8("bad")));

        var exception = Assert.Throws<ScyllaServerException>(() => CqlResponseDecoder.DecodeSupported(frame));

        Assert.Equal(ScyllaErrorCode.ProtocolError, exception.ErrorCode);
    }

    private static CqlFrame Frame(CqlOpcode opcode, byte[] body, CqlFrameFlags flags = CqlFrameFlags.None)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, body.Length));
        body.CopyTo(buffer, 0);
        return new CqlFrame(new CqlFrameHeader(CqlFrameHeader.ResponseVersion, flags, 0, opcode, body.Length), buffer);
    }
}
