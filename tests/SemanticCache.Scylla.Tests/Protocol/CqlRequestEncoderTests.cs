using static SemanticCache.Scylla.Tests.TestBytes;

namespace SemanticCache.Scylla.Tests;

public sealed class CqlRequestEncoderTests
{
    [Fact]
    public void Options_IsAHeaderWithAnEmptyBody()
    {
        using var request = CqlRequestEncoder.Options();

        Assert.Equal(Hex("04 00 0000 05 00000000"), request.Frame.ToArray());
    }

    [Fact]
    public void Startup_IsAStringMapWithCqlVersion()
    {
        using var request = CqlRequestEncoder.Startup([new("CQL_VERSION", "3.0.0")]);

        Assert.Equal(
            Concat(Hex("04 00 0000 01 00000016"), Hex("0001 000B"), Utf8("CQL_VERSION"), Hex("0005"), Utf8("3.0.0")),
            request.Frame.ToArray());
    }

    [Fact]
    public void AuthResponse_IsASingleBytesToken()
    {
        using var request = CqlRequestEncoder.AuthResponse(Concat([0], Utf8("u"), [0], Utf8("p")));

        Assert.Equal(Hex("04 00 0000 0F 00000008 00000004 00 75 00 70"), request.Frame.ToArray());
    }

    [Fact]
    public void Query_WithoutParameters_IsLongStringConsistencyAndZeroFlags()
    {
        using var request = CqlRequestEncoder.Query("SELECT 1", new CqlQueryParameters { Consistency = ScyllaConsistency.One });

        Assert.Equal(
            Concat(Hex("04 00 0000 07 0000000F 00000008"), Utf8("SELECT 1"), Hex("0001 00")),
            request.Frame.ToArray());
    }

    [Fact]
    public void Query_WithEveryParameter_WritesThemInSpecificationOrder()
    {
        // <consistency><flags>[<n><value_i>...][<result_page_size>][<paging_state>][<serial_consistency>][<timestamp>]
        var parameters = new CqlQueryParameters
        {
            Consistency = ScyllaConsistency.LocalQuorum,
            Values = [7],
            ValueTypes = [CqlType.Int],
            PageSize = 100,
            PagingState = new byte[] { 0xCA, 0xFE },
            SerialConsistency = ScyllaConsistency.LocalSerial,
            DefaultTimestamp = 1,
        };

        using var request = CqlRequestEncoder.Query("Q", parameters);

        byte[] body = Concat(
            Hex("00000001"), Utf8("Q"),
            Hex("0006 3D"),
            Hex("0001 00000004 00000007"),
            Hex("00000064"),
            Hex("00000002 CAFE"),
            Hex("0009"),
            Hex("0000000000000001"));
        Assert.Equal(Concat(Hex("04 00 0000 07"), [0, 0, 0, (byte)body.Length], body), request.Frame.ToArray());
    }

    [Fact]
    public void Query_SkipMetadata_SetsFlag0x02()
    {
        using var request = CqlRequestEncoder.Query("Q", new CqlQueryParameters { Consistency = ScyllaConsistency.One, SkipMetadata = true });

        Assert.Equal(0x02, request.Frame[^1]);
    }

    [Fact]
    public void Query_NegativeDefaultTimestamp_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CqlRequestEncoder.Query("Q", new CqlQueryParameters { DefaultTimestamp = -1 }));
    }

    [Fact]
    public void Prepare_IsTheQueryAsALongString()
    {
        using var request = CqlRequestEncoder.Prepare("SELECT 1");

        Assert.Equal(Concat(Hex("04 00 0000 09 0000000C 00000008"), Utf8("SELECT 1")), request.Frame.ToArray());
    }

    [Fact]
    public void Execute_IsShortBytesIdThenQueryParameters()
    {
        var parameters = new CqlQueryParameters
        {
            Consistency = ScyllaConsistency.LocalQuorum,
            Values = [7, null],
            ValueTypes = [CqlType.Int, CqlType.Varchar],
        };

        using var request = CqlRequestEncoder.Execute(Hex("CAFE"), parameters);

        Assert.Equal(
            Hex("04 00 0000 0A 00000015 0002 CAFE 0006 01 0002 00000004 00000007 FFFFFFFF"),
            request.Frame.ToArray());
    }

    [Fact]
    public void Execute_ValueCountDiffersFromMarkers_Throws()
    {
        var parameters = new CqlQueryParameters { Values = [1], ValueTypes = [CqlType.Int, CqlType.Int] };

        Assert.Throws<ArgumentException>(() => CqlRequestEncoder.Execute(Hex("01"), parameters));
    }

    [Fact]
    public void Batch_MixesQueryStringsAndPreparedIds()
    {
        // <type><n><query_i...><consistency><flags>; query_i = <kind><string_or_id><n><value_i...> (v4 §4.1.7).
        var prepared = new CqlPreparedResult { Id = Hex("BEEF"), PartitionKeyIndexes = [], Variables = [], ResultColumns = [] };
        CqlBatchStatement[] statements =
        [
            new() { Query = "INSERT x" },
            new() { Prepared = prepared, Values = [1], ValueTypes = [CqlType.Int] },
        ];

        using var request = CqlRequestEncoder.Batch(CqlBatchType.Unlogged, statements, ScyllaConsistency.One);

        byte[] body = Concat(
            Hex("01 0002"),
            Hex("00 00000008"), Utf8("INSERT x"), Hex("0000"),
            Hex("01 0002 BEEF 0001 00000004 00000001"),
            Hex("0001 00"));
        Assert.Equal(Concat(Hex("04 00 0000 0D"), [0, 0, 0, (byte)body.Length], body), request.Frame.ToArray());
    }

    [Fact]
    public void Batch_SerialConsistencyAndTimestamp_UseFlags0x10And0x20()
    {
        using var request = CqlRequestEncoder.Batch(
            CqlBatchType.Logged, [new() { Query = "Q" }], ScyllaConsistency.Quorum, ScyllaConsistency.Serial, 5);

        Assert.Equal(Hex("0004 30 0008 0000000000000005"), request.Frame[^13..].ToArray());
        Assert.Equal(0x00, request.Frame[9]); // logged
    }

    [Fact]
    public void Register_IsAStringList()
    {
        using var request = CqlRequestEncoder.Register(["STATUS_CHANGE"]);

        Assert.Equal(Concat(Hex("04 00 0000 0B 00000011 0001 000D"), Utf8("STATUS_CHANGE")), request.Frame.ToArray());
    }
}
