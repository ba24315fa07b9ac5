using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace SemanticCache.Scylla.Tests;

public sealed class CqlSessionTests
{
    private const string Insert = "INSERT INTO ks.t (k, v) VALUES (?, ?)";
    private const string SelectOne = "SELECT k, v FROM ks.t WHERE k = ?";

    [Fact]
    public async Task ExecuteAsync_SameStatementTwice_PreparesOnceAndExecutesTheCachedId()
    {
        await using var peer = CqlPeer.Start();
        await using var session = await OpenAsync([peer]);
        await CreateSchemaAsync(session);

        for (int i = 0; i < 5; i++)
        {
            await session.ExecuteAsync(Insert, [$"k{i}", i], Write, TestContext.Current.CancellationToken);
        }

        Assert.Single(peer.ReceivedWithOpcode(0x09));
        Assert.Equal(5, peer.ReceivedWithOpcode(0x0A).Count());
        Assert.Equal(5, peer.Engine.CountRows("ks", "t"));
    }

    [Fact]
    public async Task ExecuteAsync_SelectByKey_DecodesTheRow()
    {
        await using var peer = CqlPeer.Start();
        await using var session = await OpenAsync([peer]);
        await CreateSchemaAsync(session);
        await session.ExecuteAsync(Insert, ["a", 42], Write, TestContext.Current.CancellationToken);

        var result = await session.ExecuteAsync(SelectOne, ["a"], Read, TestContext.Current.CancellationToken);

        var row = Assert.Single(result.Rows!.Rows);
        Assert.Equal(["a", 42], row);
        var execute = peer.ReceivedWithOpcode(0x0A).Last();
        Assert.Equal(0x01, execute.QueryFlags); // values only: no paging state, no page size
        Assert.Equal((int)ScyllaConsistency.LocalOne, execute.Consistency);
    }

    [Fact]
    public async Task ExecuteAsync_NodeForgotThePreparedId_PreparesAgainAndRetriesTransparently()
    {
        await using var peer = CqlPeer.Start();
        await using var session = await OpenAsync([peer]);
        await CreateSchemaAsync(session);
        await session.ExecuteAsync(Insert, ["a", 1], Write, TestContext.Current.CancellationToken);

        peer.Engine.ForgetPrepared(); // as after a node restart
        await session.ExecuteAsync(Insert, ["b", 2], Write, TestContext.Current.CancellationToken);

        Assert.Equal(2, peer.ReceivedWithOpcode(0x09).Count());
        Assert.Equal(3, peer.ReceivedWithOpcode(0x0A).Count()); // one Unprepared, one retry
        Assert.Equal(2, peer.Engine.CountRows("ks", "t"));
    }

    [Fact]
    public async Task ExecuteAsync_UnknownTable_ThrowsInvalidAndDoesNotCacheTheFailure()
    {
        await using var peer = CqlPeer.Start();
        await using var session = await OpenAsync([peer]);

        var exception = await Assert.ThrowsAsync<ScyllaServerException>(() =>
            session.ExecuteAsync(Insert, ["a", 1], Write, TestContext.Current.CancellationToken));
        await CreateSchemaAsync(session);
        await session.ExecuteAsync(Insert, ["a", 1], Write, TestContext.Current.CancellationToken);

        Assert.Equal(ScyllaErrorCode.Invalid, exception.ErrorCode);
        Assert.Contains("does not exist", exception.ServerMessage, StringComparison.Ordinal);
        Assert.Equal(peer.ContactPoint, exception.Host);
        Assert.Equal(1, peer.Engine.CountRows("ks", "t"));
    }

    [Fact]
    public async Task ExecutePagedAsync_FollowsThePagingStateToTheLastPage()
    {
        await using var peer = CqlPeer.Start();
        await using var session = await OpenAsync([peer]);
        await CreateSchemaAsync(session);
        for (int i = 0; i < 25; i++)
        {
            await session.ExecuteAsync(Insert, [$"k{i:D2}", i], Write, TestContext.Current.CancellationToken);
        }

        var pages = new List<int>();
        var keys = new List<string>();
        await foreach (var page in session.ExecutePagedAsync("SELECT k, v FROM ks.t", [], Read with { PageSize = 10 }, TestContext.Current.CancellationToken))
        {
            pages.Add(page.Rows.Count);
            keys.AddRange(page.Rows.Select(r => (string)r[0]!));
        }

        Assert.Equal([10, 10, 5], pages);
        Assert.Equal(25, keys.Distinct().Count());
        var scans = peer.ReceivedWithOpcode(0x0A).Where(r => r.PageSize == 10).ToList();
        Assert.Equal(3, scans.Count);
        Assert.Null(scans[0].PagingState);
        Assert.All(scans.Skip(1), r => Assert.NotNull(r.PagingState));
    }

    [Fact]
    public async Task BatchAsync_SendsPreparedIdsAndAppliesEveryStatement()
    {
        await using var peer = CqlPeer.Start();
        await using var session = await OpenAsync([peer]);
        await CreateSchemaAsync(session);

        await session.BatchAsync([(Insert, ["a", 1]), (Insert, ["b", 2])], CqlBatchType.Unlogged, Write, TestContext.Current.CancellationToken);

        var batch = Assert.Single(peer.ReceivedWithOpcode(0x0D));
        Assert.Equal(1, batch.BatchType);
        Assert.All(batch.BatchStatements, s => Assert.Equal(1, s.Kind));
        Assert.Equal((int)ScyllaConsistency.LocalQuorum, batch.Consistency);
        Assert.Equal(2, peer.Engine.CountRows("ks", "t"));
    }

    [Fact]
    public async Task BatchAsync_NodeForgotThePreparedIds_PreparesAgainAndRetries()
    {
        await using var peer = CqlPeer.Start();
        await using var session = await OpenAsync([peer]);
        await CreateSchemaAsync(session);
        await session.BatchAsync([(Insert, ["a", 1])], CqlBatchType.Logged, Write, TestContext.Current.CancellationToken);

        peer.Engine.ForgetPrepared();
        await session.BatchAsync([(Insert, ["b", 2])], CqlBatchType.Logged, Write, TestContext.Current.CancellationToken);

        Assert.Equal(3, peer.ReceivedWithOpcode(0x0D).Count());
        Assert.Equal(2, peer.Engine.CountRows("ks", "t"));
    }

    [Fact]
    public async Task QueryAsync_ConnectionLostOnOneHost_IdempotentStatementIsRetriedOnTheOther()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        int dropped = 0;
        first.OnRequest = second.OnRequest = r => Interlocked.Increment(ref dropped) == 1 ? PeerReply.Drop() : PeerResults.SingleInt(9);
        await using var session = await OpenAsync([first, second]);

        var result = await session.QueryAsync("Q 9", Read, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(9, result.Rows!.Rows[0][0]);
        Assert.Single(first.ReceivedWithOpcode(0x07));
        Assert.Single(second.ReceivedWithOpcode(0x07));
    }

    [Fact]
    public async Task QueryAsync_ConnectionLostAndNotIdempotent_ThrowsWithoutRetrying()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        first.OnRequest = second.OnRequest = _ => PeerReply.Drop();
        await using var session = await OpenAsync([first, second]);

        await Assert.ThrowsAsync<ScyllaConnectionException>(() =>
            session.QueryAsync("Q 1", Read with { Idempotent = false }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(1, first.ReceivedWithOpcode(0x07).Count() + second.ReceivedWithOpcode(0x07).Count());
    }

    [Fact]
    public async Task QueryAsync_Overloaded_IsRetriedOnTheNextHost()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        first.OnRequest = _ => PeerReply.Error(0x1001, "Overloaded");
        second.OnRequest = _ => PeerResults.SingleInt(3);
        await using var session = await OpenAsync([first, second]);

        for (int i = 0; i < 4; i++)
        {
            var result = await session.QueryAsync("Q 3", Read, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(3, result.Rows!.Rows[0][0]);
        }
    }

    [Fact]
    public async Task QueryAsync_Invalid_IsNotRetried()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        first.OnRequest = second.OnRequest = _ => PeerReply.Error(0x2200, "bad");
        await using var session = await OpenAsync([first, second]);

        await Assert.ThrowsAsync<ScyllaServerException>(() => session.QueryAsync("Q 1", Read, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(1, first.ReceivedWithOpcode(0x07).Count() + second.ReceivedWithOpcode(0x07).Count());
    }

    [Fact]
    public async Task QueryAsync_ReservedKeywordAsTableName_IsASyntaxError()
    {
        await using var peer = CqlPeer.Start();
        await using var session = await OpenAsync([peer]);
        await CreateSchemaAsync(session);

        var exception = await Assert.ThrowsAsync<ScyllaServerException>(() => session.QueryAsync(
            "CREATE TABLE IF NOT EXISTS ks.entries (k text PRIMARY KEY)", Read, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ScyllaErrorCode.SyntaxError, exception.ErrorCode);
    }

    [Fact]
    public async Task QueryAsync_ServerWarnings_AreLogged()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = _ => PeerReply.Raw(0x08, new PeerWriter().StringList(["Paging is not supported for Vector Search queries."]).Int(1).ToArray(), flags: 0x08);
        var logger = new FakeLogger();
        await using var session = await OpenAsync([peer], logger);

        await session.QueryAsync("Q 1", Read, cancellationToken: TestContext.Current.CancellationToken);

        var record = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 6105);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains("Paging is not supported", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForSchemaAgreementAsync_HostsDisagree_WaitsUntilTheyAgree()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        await using var session = await OpenAsync([first, second]);
        first.Engine.SchemaVersion = Guid.NewGuid();
        second.Engine.SchemaVersion = Guid.NewGuid();

        var wait = session.WaitForSchemaAgreementAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);
        second.Engine.SchemaVersion = first.Engine.SchemaVersion;

        Assert.True(await wait);
    }

    [Fact]
    public async Task WaitForSchemaAgreementAsync_NeverAgreeing_GivesUpAfterTheTimeout()
    {
        await using var first = CqlPeer.Start();
        await using var second = CqlPeer.Start();
        await using var session = await OpenAsync([first, second]);
        second.Engine.SchemaVersion = Guid.NewGuid();

        Assert.False(await session.WaitForSchemaAgreementAsync(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));
    }

    private static CqlStatementOptions Write => new(ScyllaConsistency.LocalQuorum);

    private static CqlStatementOptions Read => new(ScyllaConsistency.LocalOne);

    private static async Task<CqlSession> OpenAsync(CqlPeer[] peers, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var session = new CqlSession(new CqlConnectionPool(TestSettings.For(peers), logger), logger);
        await session.Pool.InitializeAsync(TestContext.Current.CancellationToken);
        return session;
    }

    private static async Task CreateSchemaAsync(CqlSession session)
    {
        var ddl = new CqlStatementOptions(ScyllaConsistency.One);
        await session.QueryAsync(
            "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'NetworkTopologyStrategy', 'replication_factor': 1} AND tablets = {'enabled': true}",
            ddl, cancellationToken: TestContext.Current.CancellationToken);
        await session.QueryAsync("CREATE TABLE IF NOT EXISTS ks.t (k text PRIMARY KEY, v int)", ddl, cancellationToken: TestContext.Current.CancellationToken);
    }
}
