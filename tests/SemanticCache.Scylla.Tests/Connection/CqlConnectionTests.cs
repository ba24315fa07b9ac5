using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using static SemanticCache.Scylla.Tests.TestBytes;

namespace SemanticCache.Scylla.Tests;

public sealed class CqlConnectionTests
{
    [Fact]
    public async Task OpenAsync_WithoutAuthentication_SendsOptionsThenStartupWithCqlVersion()
    {
        await using var peer = CqlPeer.Start();

        await using var connection = await OpenAsync(peer, TestSettings.For(peer));

        var frames = peer.Received.ToList();
        Assert.Equal([0x05, 0x01], frames.Take(2).Select(f => f.Opcode));
        Assert.All(frames, f => Assert.Equal(0, f.Flags));
        Assert.Contains("SCYLLA_SHARD", connection.Supported.Keys);
        Assert.Null(connection.Authenticator);
    }

    [Fact]
    public async Task OpenAsync_PasswordAuthenticator_SendsSaslPlainToken()
    {
        await using var peer = CqlPeer.Start();
        peer.Credentials = ("cassandra", "secret");

        await using var connection = await OpenAsync(peer, TestSettings.For(peer, username: "cassandra", password: "secret"));

        // SASL PLAIN: authzid (empty), NUL, user, NUL, password.
        Assert.Equal(Concat([0], Utf8("cassandra"), [0], Utf8("secret")), Assert.Single(peer.AuthTokens));
        Assert.Equal("org.apache.cassandra.auth.PasswordAuthenticator", connection.Authenticator);
        Assert.Equal([0x05, 0x01, 0x0F], peer.Received.Select(f => f.Opcode));
    }

    [Fact]
    public async Task OpenAsync_WrongPassword_ThrowsAuthenticationError()
    {
        await using var peer = CqlPeer.Start();
        peer.Credentials = ("cassandra", "secret");

        var exception = await Assert.ThrowsAsync<ScyllaServerException>(() =>
            OpenAsync(peer, TestSettings.For(peer, username: "cassandra", password: "wrong")));

        Assert.Equal(ScyllaErrorCode.AuthenticationError, exception.ErrorCode);
        Assert.Equal("Username and/or password are incorrect", exception.ServerMessage);
    }

    [Fact]
    public async Task OpenAsync_AuthenticationRequiredWithoutCredentials_ThrowsConnectionException()
    {
        await using var peer = CqlPeer.Start();
        peer.Credentials = ("cassandra", "secret");

        var exception = await Assert.ThrowsAsync<ScyllaConnectionException>(() => OpenAsync(peer, TestSettings.For(peer)));

        Assert.Contains("PasswordAuthenticator", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NothingListening_ThrowsConnectionException()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await Assert.ThrowsAsync<ScyllaConnectionException>(() =>
            CqlConnection.OpenAsync("127.0.0.1", port, new CqlConnectionSettings { ContactPoints = [] }, NullLogger.Instance, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenAsync_ServerWithoutProtocolV4_ThrowsConnectionExceptionNamingTheVersion()
    {
        await using var peer = CqlPeer.Start();
        peer.ProtocolVersion = 3;

        var exception = await Assert.ThrowsAsync<ScyllaConnectionException>(() => OpenAsync(peer, TestSettings.For(peer)));

        Assert.Contains("v4", exception.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported protocol version", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ThousandConcurrentRequests_EachGetsItsOwnResponse()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = r => PeerResults.SingleInt(PeerResults.NumberIn(r), TimeSpan.FromMilliseconds(Random.Shared.Next(0, 15)));
        await using var connection = await OpenAsync(peer, TestSettings.For(peer));

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => QueryNumberAsync(connection, i)));

        Assert.Equal(Enumerable.Range(0, 1000), results);
        Assert.True(peer.MaxInFlight > 1, "requests should overlap on the one connection");
        Assert.True(peer.ReceivedWithOpcode(0x07).Select(r => r.StreamId).Distinct().Count() > 1);
        Assert.Equal(0, connection.InFlight);
    }

    [Fact]
    public async Task SendAsync_SlowFirstRequest_LaterResponseReachesItsOwnCaller()
    {
        await using var peer = CqlPeer.Start();
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        peer.OnRequest = r => PeerResults.NumberIn(r) == 1
            ? PeerResults.SingleInt(1).After(releaseFirst.Task)
            : PeerResults.SingleInt(PeerResults.NumberIn(r));
        await using var connection = await OpenAsync(peer, TestSettings.For(peer));

        var slow = QueryNumberAsync(connection, 1);
        Assert.True(await TestSettings.EventuallyAsync(() => peer.ReceivedWithOpcode(0x07).Count() == 1));
        int fast = await QueryNumberAsync(connection, 2);

        Assert.False(slow.IsCompleted);
        Assert.Equal(2, fast);
        releaseFirst.SetResult();
        Assert.Equal(1, await slow);
        var order = peer.ResponseOrder.ToList();
        var streams = peer.ReceivedWithOpcode(0x07).Select(r => r.StreamId).ToList();
        Assert.Equal([streams[1], streams[0]], order[^2..]);
    }

    [Fact]
    public async Task SendAsync_NoResponseInTime_TimesOutAndKeepsTheStreamUntilTheLateResponse()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = r => PeerResults.SingleInt(PeerResults.NumberIn(r), PeerResults.NumberIn(r) == 1 ? TimeSpan.FromMilliseconds(400) : TimeSpan.Zero);
        await using var connection = await OpenAsync(peer, TestSettings.For(peer, requestTimeout: TimeSpan.FromMilliseconds(100)));

        await Assert.ThrowsAsync<TimeoutException>(() => QueryNumberAsync(connection, 1));
        Assert.Equal(1, connection.Orphaned);
        Assert.Equal(1, connection.InFlight);

        // A new request must get its own answer, not the late one of the timed-out stream.
        Assert.Equal(2, await QueryNumberAsync(connection, 2));
        Assert.True(await TestSettings.EventuallyAsync(() => connection.InFlight == 0));
        Assert.Equal(0, connection.Orphaned);
        Assert.Equal(3, await QueryNumberAsync(connection, 3));
    }

    [Fact]
    public async Task SendAsync_Cancelled_ThrowsAndFreesTheStreamWhenTheAnswerArrives()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = r => PeerResults.SingleInt(1, TimeSpan.FromMilliseconds(200));
        await using var connection = await OpenAsync(peer, TestSettings.For(peer));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QueryNumberCancellableAsync(connection, 1, cancellation.Token));

        Assert.True(await TestSettings.EventuallyAsync(() => connection.InFlight == 0));
        Assert.False(connection.IsClosed);
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedMidRequest_FailsThePendingRequests()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = r => PeerResults.NumberIn(r) == 3 ? PeerReply.Drop(TimeSpan.FromMilliseconds(50)) : PeerReply.Never();
        await using var connection = await OpenAsync(peer, TestSettings.For(peer));
        Exception? closedWith = null;
        connection.Closed += (_, cause) => closedWith = cause;

        var pending = Enumerable.Range(1, 3).Select(i => QueryNumberAsync(connection, i)).ToList();

        foreach (var request in pending)
        {
            await Assert.ThrowsAsync<ScyllaConnectionException>(() => request);
        }

        Assert.True(connection.IsClosed);
        Assert.NotNull(await connection.Completion);
        Assert.True(await TestSettings.EventuallyAsync(() => Volatile.Read(ref closedWith) is not null), "Closed is raised with the cause");
        await Assert.ThrowsAsync<ScyllaConnectionException>(() => QueryNumberAsync(connection, 4));
    }

    [Fact]
    public async Task TryAcquireSlot_AtMaxRequestsPerConnection_ReturnsFalseUntilOneCompletes()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = r => PeerResults.SingleInt(1, TimeSpan.FromMilliseconds(200));
        await using var connection = await OpenAsync(peer, TestSettings.For(peer, maxRequestsPerConnection: 2));

        var first = QueryNumberAsync(connection, 1);
        var second = QueryNumberAsync(connection, 2);

        Assert.False(connection.TryAcquireSlot());
        await Task.WhenAll(first, second);
        Assert.True(connection.TryAcquireSlot());
    }

    [Fact]
    public async Task SendAsync_MoreUnansweredRequestsThanAllowed_ClosesTheConnection()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = _ => PeerReply.Never();
        await using var connection = await OpenAsync(peer, TestSettings.For(peer, requestTimeout: TimeSpan.FromMilliseconds(50), maxOrphans: 2));

        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => QueryNumberAsync(connection, i));
        }

        Assert.True(connection.IsClosed);
    }

    [Fact]
    public async Task ReadLoop_ServerEventOnStreamMinusOne_IsIgnored()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = r => PeerResults.SingleInt(PeerResults.NumberIn(r));
        await using var connection = await OpenAsync(peer, TestSettings.For(peer));

        await peer.SendStatusEventAsync();

        Assert.Equal(5, await QueryNumberAsync(connection, 5));
        Assert.False(connection.IsClosed);
    }

    [Fact]
    public async Task SendAsync_ErrorFrame_IsReturnedOnTheRequestsStream()
    {
        await using var peer = CqlPeer.Start();
        peer.OnRequest = _ => PeerReply.Error(0x2200, "Vector Store is disabled");
        await using var connection = await OpenAsync(peer, TestSettings.For(peer));

        var exception = await Assert.ThrowsAsync<ScyllaServerException>(() => QueryNumberAsync(connection, 1));

        Assert.Equal(ScyllaErrorCode.Invalid, exception.ErrorCode);
        Assert.Equal("Vector Store is disabled", exception.ServerMessage);
        Assert.False(connection.IsClosed);
    }

    [Fact]
    public async Task OpenAsync_TlsWithTheClusterCa_Succeeds()
    {
        using var certificate = CreateCertificate();
        await using var peer = CqlPeer.Start();
        peer.TlsCertificate = certificate;
        peer.OnRequest = r => PeerResults.SingleInt(PeerResults.NumberIn(r));
        var settings = Tls(peer, [certificate], serverName: "localhost");

        await using var connection = await OpenAsync(peer, settings);

        Assert.Equal(7, await QueryNumberAsync(connection, 7));
    }

    [Fact]
    public async Task OpenAsync_TlsWithAnUntrustedCertificate_Fails()
    {
        using var certificate = CreateCertificate();
        await using var peer = CqlPeer.Start();
        peer.TlsCertificate = certificate;

        await Assert.ThrowsAsync<ScyllaConnectionException>(() => OpenAsync(peer, Tls(peer, null, serverName: "localhost")));
    }

    [Fact]
    public async Task OpenAsync_TlsHostNameMismatch_FailsUnlessHostNameValidationIsOff()
    {
        using var certificate = CreateCertificate();
        await using var peer = CqlPeer.Start();
        peer.TlsCertificate = certificate;

        await Assert.ThrowsAsync<ScyllaConnectionException>(() => OpenAsync(peer, Tls(peer, [certificate], serverName: "other.example")));
        await using var connection = await OpenAsync(peer, Tls(peer, [certificate], serverName: "other.example", validateHostName: false));
        Assert.False(connection.IsClosed);
    }

    private static async Task<CqlConnection> OpenAsync(CqlPeer peer, CqlConnectionSettings settings) =>
        await CqlConnection.OpenAsync("127.0.0.1", peer.Port, settings, NullLogger.Instance, TestContext.Current.CancellationToken);

    private static Task<int> QueryNumberAsync(CqlConnection connection, int number) =>
        QueryNumberCancellableAsync(connection, number, TestContext.Current.CancellationToken);

    private static async Task<int> QueryNumberCancellableAsync(CqlConnection connection, int number, CancellationToken cancellationToken)
    {
        using var request = CqlRequestEncoder.Query($"Q {number}", new CqlQueryParameters { Consistency = ScyllaConsistency.One });
        using var frame = await connection.SendWithSlotAsync(request, cancellationToken);
        return (int)CqlResponseDecoder.DecodeResult(frame).Rows!.Rows[0][0]!;
    }

    private static CqlConnectionSettings Tls(CqlPeer peer, X509Certificate2[]? roots, string serverName, bool validateHostName = true) => new()
    {
        ContactPoints = [("127.0.0.1", peer.Port)],
        ConnectTimeout = TimeSpan.FromSeconds(3),
        RequestTimeout = TimeSpan.FromSeconds(3),
        UseTls = true,
        TlsServerName = serverName,
        TlsCaCertificates = roots is null ? null : [.. roots],
        TlsValidateHostName = validateHostName,
    };

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        // Re-import so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
