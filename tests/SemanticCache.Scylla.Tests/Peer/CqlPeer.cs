using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace SemanticCache.Scylla.Tests;

/// <summary>
/// An in-process CQL server on loopback that speaks native protocol v4 as the specification writes it: 9-byte frame
/// headers (0x84 responses, the request's stream id echoed), OPTIONS/SUPPORTED, STARTUP/READY or AUTHENTICATE with SASL
/// PLAIN, RESULT kinds and ERROR bodies with their extra fields. Requests on one connection are served concurrently,
/// so responses come back in completion order, not request order. Test hooks can delay, drop, never answer or
/// replace any reply; otherwise <see cref="CqlTableEngine"/> answers.
/// </summary>
internal sealed class CqlPeer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, PeerConnection> _connections = new();
    private readonly object _listenerGate = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _nextConnectionId;
    private int _inFlight;
    private int _maxInFlight;
    private int _totalConnections;

    private CqlPeer(PeerFlavor flavor)
    {
        Flavor = flavor;
        Engine = new CqlTableEngine(flavor);
        Supported = flavor == PeerFlavor.Cassandra5
            ? new Dictionary<string, string[]>
            {
                ["CQL_VERSION"] = ["3.4.7"],
                ["COMPRESSION"] = ["lz4", "snappy"],
                ["PROTOCOL_VERSIONS"] = ["3/v3", "4/v4", "5/v5", "6/v6-beta"],
            }
            : new Dictionary<string, string[]>
            {
                ["CQL_VERSION"] = ["3.3.1"],
                ["COMPRESSION"] = ["lz4", "snappy"],
                ["SCYLLA_SHARD"] = ["0"],
                ["SCYLLA_NR_SHARDS"] = ["2"],
                ["SCYLLA_PARTITIONER"] = ["org.apache.cassandra.dht.Murmur3Partitioner"],
                ["SCYLLA_SHARDING_ALGORITHM"] = ["biased-token-round-robin"],
                ["SCYLLA_SHARDING_IGNORE_MSB"] = ["12"],
            };
    }

    public PeerFlavor Flavor { get; }

    public CqlTableEngine Engine { get; }

    public int Port { get; private set; }

    public string ContactPoint => $"127.0.0.1:{Port}";

    /// <summary>Gets or sets the credentials PasswordAuthenticator accepts, or <see langword="null"/> for no authentication.</summary>
    public (string User, string Password)? Credentials { get; set; }

    public string AuthenticatorClass { get; set; } = "org.apache.cassandra.auth.PasswordAuthenticator";

    public Dictionary<string, string[]> Supported { get; }

    /// <summary>Gets or sets a hook that decides the reply to QUERY, PREPARE, EXECUTE and BATCH (null = the engine answers).</summary>
    public Func<PeerRequest, PeerReply?>? OnRequest { get; set; }

    /// <summary>Gets or sets the protocol version the peer speaks; a request with another version gets a protocol ERROR framed with this one.</summary>
    public int ProtocolVersion { get; set; } = 4;

    /// <summary>Gets or sets the server certificate; when set, connections use TLS.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TlsCertificate { get; set; }

    /// <summary>Gets every frame received (header fields and the decoded request when there is one).</summary>
    public ConcurrentQueue<PeerRequest> Received { get; } = new();

    /// <summary>Gets the SASL tokens received in AUTH_RESPONSE.</summary>
    public ConcurrentQueue<byte[]?> AuthTokens { get; } = new();

    /// <summary>Gets the stream ids of responses in the order they were written.</summary>
    public ConcurrentQueue<short> ResponseOrder { get; } = new();

    public int OpenConnections => _connections.Count;

    public int TotalConnections => Volatile.Read(ref _totalConnections);

    /// <summary>Gets the largest number of requests being served at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static CqlPeer Start(PeerFlavor flavor = PeerFlavor.Scylla2026)
    {
        var peer = new CqlPeer(flavor);
        peer.Listen(0);
        return peer;
    }

    public IEnumerable<PeerRequest> ReceivedWithOpcode(byte opcode) => Received.Where(r => r.Opcode == opcode);

    /// <summary>Stops listening and closes every connection: the host is down.</summary>
    public async Task StopAsync()
    {
        TcpListener? listener;
        lock (_listenerGate)
        {
            listener = _listener;
            _listener = null;
        }

        listener?.Stop();
        listener?.Dispose();
        await DropConnectionsAsync();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>Listens again on the same port: the host is back.</summary>
    public void Restart() => Listen(Port);

    public async Task DropConnectionsAsync()
    {
        foreach (var connection in _connections.Values)
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>Pushes an EVENT frame (stream -1) on every connection, as a server does after REGISTER.</summary>
    public async Task SendStatusEventAsync()
    {
        byte[] body = new PeerWriter().String("STATUS_CHANGE").String("UP").Byte(4).Raw([127, 0, 0, 1]).Int(9042).ToArray();
        foreach (var connection in _connections.Values)
        {
            await connection.WriteFrameAsync(0x00, -1, 0x0C, body, record: false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static PeerRequest DecodeRequest(int connectionId, byte version, byte flags, short stream, byte opcode, byte[] body)
    {
        var reader = new PeerReader(body);
        switch (opcode)
        {
            case 0x07:
            {
                string query = reader.LongString();
                return DecodeParameters(reader, connectionId, flags, stream, opcode, query, null);
            }

            case 0x09:
                return new PeerRequest { ConnectionId = connectionId, Flags = flags, StreamId = stream, Opcode = opcode, Query = reader.LongString() };
            case 0x0A:
            {
                byte[] id = reader.ShortBytes();
                return DecodeParameters(reader, connectionId, flags, stream, opcode, null, id);
            }

            case 0x0D:
            {
                int type = reader.Byte();
                int count = reader.Short();
                var statements = new List<PeerBatchStatement>();
                for (int i = 0; i < count; i++)
                {
                    int kind = reader.Byte();
                    string? query = kind == 0 ? reader.LongString() : null;
                    byte[]? id = kind == 1 ? reader.ShortBytes() : null;
                    if (kind is not (0 or 1))
                    {
                        throw new PeerException(0x000A, $"Invalid query kind in BATCH messages. Must be 0 or 1 but got {kind}");
                    }

                    int valueCount = reader.Short();
                    var values = new List<PeerValue>();
                    for (int v = 0; v < valueCount; v++)
                    {
                        values.Add(reader.Value());
                    }

                    statements.Add(new PeerBatchStatement(kind, query, id, values));
                }

                int consistency = reader.Short();
                byte batchFlags = reader.Byte();
                if ((batchFlags & 0x0F) != 0)
                {
                    throw new PeerException(0x000A, "The 4 rightmost bits of BATCH flags must be 0");
                }

                int? serial = (batchFlags & 0x10) != 0 ? reader.Short() : null;
                long? timestamp = (batchFlags & 0x20) != 0 ? reader.Long() : null;
                return new PeerRequest
                {
                    ConnectionId = connectionId,
                    Flags = flags,
                    StreamId = stream,
                    Opcode = opcode,
                    BatchType = type,
                    BatchStatements = statements,
                    Consistency = consistency,
                    QueryFlags = batchFlags,
                    SerialConsistency = serial,
                    Timestamp = timestamp,
                };
            }

            default:
                return new PeerRequest { ConnectionId = connectionId, Flags = flags, StreamId = stream, Opcode = opcode };
        }
    }

    // <consistency><flags>[<n>[name_1]<value_1>...][<result_page_size>][<paging_state>][<serial_consistency>][<timestamp>]
    private static PeerRequest DecodeParameters(PeerReader reader, int connectionId, byte flags, short stream, byte opcode, string? query, byte[]? id)
    {
        int consistency = reader.Short();
        byte queryFlags = reader.Byte();
        var values = new List<PeerValue>();
        if ((queryFlags & 0x01) != 0)
        {
            int count = reader.Short();
            for (int i = 0; i < count; i++)
            {
                if ((queryFlags & 0x40) != 0)
                {
                    reader.String();
                }

                values.Add(reader.Value());
            }
        }

        int? pageSize = (queryFlags & 0x04) != 0 ? reader.Int() : null;
        byte[]? pagingState = (queryFlags & 0x08) != 0 ? reader.Bytes() : null;
        int? serial = (queryFlags & 0x10) != 0 ? reader.Short() : null;
        long? timestamp = (queryFlags & 0x20) != 0 ? reader.Long() : null;
        if (reader.Remaining != 0)
        {
            throw new PeerException(0x000A, $"{reader.Remaining} unexpected trailing bytes in the request body");
        }

        return new PeerRequest
        {
            ConnectionId = connectionId,
            Flags = flags,
            StreamId = stream,
            Opcode = opcode,
            Query = query,
            PreparedId = id,
            Consistency = consistency,
            QueryFlags = queryFlags,
            Values = values,
            PageSize = pageSize,
            PagingState = pagingState,
            SerialConsistency = serial,
            Timestamp = timestamp,
        };
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        lock (_listenerGate)
        {
            _listener = listener;
        }

        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener));
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            client.NoDelay = true;
            int id = Interlocked.Increment(ref _nextConnectionId);
            Interlocked.Increment(ref _totalConnections);
            _ = Task.Run(() => ServeAsync(id, client));
        }
    }

    private async Task ServeAsync(int id, TcpClient client)
    {
        Stream stream = client.GetStream();
        if (TlsCertificate is { } certificate)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
            {
                await ssl.DisposeAsync();
                client.Dispose();
                return;
            }

            stream = ssl;
        }

        var connection = new PeerConnection(this, id, client, stream);
        _connections[id] = connection;
        try
        {
            await connection.RunAsync();
        }
        finally
        {
            _connections.TryRemove(id, out _);
            await connection.CloseAsync();
            connection.Dispose();
        }
    }

    /// <summary>One server-side connection: reads frames, answers the handshake inline and other requests concurrently.</summary>
    private sealed class PeerConnection : IDisposable
    {
        private readonly CqlPeer _peer;
        private readonly TcpClient _client;
        private readonly Stream _stream;
        private readonly SemaphoreSlim _writeLock = new(1, 1);
        private readonly CancellationTokenSource _closed = new();
        private bool _started;
        private bool _authenticated;

        public PeerConnection(CqlPeer peer, int id, TcpClient client, Stream stream)
        {
            _peer = peer;
            Id = id;
            _client = client;
            _stream = stream;
        }

        public int Id { get; }

        public async Task RunAsync()
        {
            byte[] header = new byte[9];
            try
            {
                while (!_closed.IsCancellationRequested)
                {
                    await _stream.ReadExactlyAsync(header, _closed.Token);
                    byte version = header[0];
                    byte flags = header[1];
                    short stream = BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2));
                    byte opcode = header[4];
                    int length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
                    if (length is < 0 or > 256 * 1024 * 1024)
                    {
                        return;
                    }

                    byte[] body = new byte[length];
                    await _stream.ReadExactlyAsync(body, _closed.Token);
                    if (version != _peer.ProtocolVersion)
                    {
                        // Answer in the version this server speaks, as ScyllaDB does, then give up on the connection.
                        await WriteErrorAsync(stream, 0x000A, $"Invalid or unsupported protocol version ({version & 0x7F}); supported versions are (3/v3, {_peer.ProtocolVersion}/v{_peer.ProtocolVersion})");
                        return;
                    }

                    PeerRequest request;
                    try
                    {
                        request = DecodeRequest(Id, version, flags, stream, opcode, body);
                    }
                    catch (Exception ex) when (ex is PeerException or InvalidDataException)
                    {
                        await WriteErrorAsync(stream, ex is PeerException p ? p.Code : 0x000A, ex.Message);
                        continue;
                    }

                    _peer.Received.Enqueue(request);
                    await HandleAsync(request, body);
                }
            }
            catch (Exception ex) when (ex is IOException or EndOfStreamException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The client went away or the peer closed the connection.
            }
        }

        public async Task CloseAsync()
        {
            if (_closed.IsCancellationRequested)
            {
                return;
            }

            await _closed.CancelAsync();
            _client.Client.Close(0);
            _client.Dispose();
        }

        // The write lock stays usable: request handlers may still try to answer after the connection closed.
        public void Dispose() => _closed.Dispose();

        public async Task WriteFrameAsync(byte flags, short stream, byte opcode, byte[] body, bool record = true)
        {
            byte[] frame = new byte[9 + body.Length];
            frame[0] = (byte)(0x80 | _peer.ProtocolVersion);
            frame[1] = flags;
            BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(2), stream);
            frame[4] = opcode;
            BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), body.Length);
            body.CopyTo(frame, 9);
            await _writeLock.WaitAsync();
            try
            {
                // Recorded under the write lock but before the write: once the bytes are out, the client may act on
                // them (and the test may read the order) before this method runs again.
                if (record)
                {
                    _peer.ResponseOrder.Enqueue(stream);
                }

                await _stream.WriteAsync(frame);
                await _stream.FlushAsync();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
            {
                // The client is gone.
            }
            finally
            {
                _writeLock.Release();
            }
        }

        private Task WriteErrorAsync(short stream, int code, string message, byte[]? extra = null) =>
            WriteFrameAsync(0, stream, 0x00, new PeerWriter().Int(code).String(message).Raw(extra ?? []).ToArray());

        private async Task HandleAsync(PeerRequest request, byte[] body)
        {
            switch (request.Opcode)
            {
                case 0x05: // OPTIONS -> SUPPORTED
                    await WriteFrameAsync(0, request.StreamId, 0x06, new PeerWriter().StringMultimap(_peer.Supported).ToArray());
                    return;
                case 0x01: // STARTUP -> READY or AUTHENTICATE
                    var options = new PeerReader(body).StringMap();
                    if (options.GetValueOrDefault("CQL_VERSION") is not { } cqlVersion || !cqlVersion.StartsWith('3'))
                    {
                        await WriteErrorAsync(request.StreamId, 0x000A, "Missing value CQL_VERSION in STARTUP message");
                        return;
                    }

                    _started = true;
                    if (_peer.Credentials is null)
                    {
                        _authenticated = true;
                        await WriteFrameAsync(0, request.StreamId, 0x02, []);
                    }
                    else
                    {
                        await WriteFrameAsync(0, request.StreamId, 0x03, new PeerWriter().String(_peer.AuthenticatorClass).ToArray());
                    }

                    return;
                case 0x0F: // AUTH_RESPONSE -> AUTH_SUCCESS or ERROR 0x0100
                    byte[]? token = new PeerReader(body).Bytes();
                    _peer.AuthTokens.Enqueue(token);
                    var (user, password) = _peer.Credentials ?? (string.Empty, string.Empty);
                    byte[] expected = [0, .. Encoding.UTF8.GetBytes(user), 0, .. Encoding.UTF8.GetBytes(password)];
                    if (token is not null && token.AsSpan().SequenceEqual(expected))
                    {
                        _authenticated = true;
                        await WriteFrameAsync(0, request.StreamId, 0x10, new PeerWriter().Bytes(null).ToArray());
                    }
                    else
                    {
                        await WriteErrorAsync(request.StreamId, 0x0100, "Username and/or password are incorrect");
                    }

                    return;
                case 0x0B: // REGISTER -> READY
                    await WriteFrameAsync(0, request.StreamId, 0x02, []);
                    return;
                case 0x07 or 0x09 or 0x0A or 0x0D:
                    if (!_started || !_authenticated)
                    {
                        await WriteErrorAsync(request.StreamId, 0x000A, _started
                            ? "Unexpected message, expecting SASL response"
                            : "Unexpected message, expecting STARTUP or OPTIONS");
                        return;
                    }

                    // Served concurrently: a slow request does not hold back the ones behind it.
                    _ = Task.Run(() => ServeAsync(request));
                    return;
                default:
                    await WriteErrorAsync(request.StreamId, 0x000A, $"Unknown opcode 0x{request.Opcode:X2}");
                    return;
            }
        }

        private async Task ServeAsync(PeerRequest request)
        {
            int inFlight = Interlocked.Increment(ref _peer._inFlight);
            int max;
            while (inFlight > (max = Volatile.Read(ref _peer._maxInFlight)) && Interlocked.CompareExchange(ref _peer._maxInFlight, inFlight, max) != max)
            {
            }

            // A request stops counting once its answer is ready, before it is written: the client may send its next
            // request the moment the answer arrives, and that one must not overlap this one in MaxInFlight.
            int counted = 1;
            void Answered()
            {
                if (Interlocked.Exchange(ref counted, 0) == 1)
                {
                    Interlocked.Decrement(ref _peer._inFlight);
                }
            }

            try
            {
                var reply = _peer.OnRequest?.Invoke(request) ?? PeerReply.Default();
                if (reply.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.Delay);
                }

                if (reply.Gate is { } gate)
                {
                    await gate;
                }

                switch (reply.Kind)
                {
                    case PeerReplyKind.Never:
                        return;
                    case PeerReplyKind.Drop:
                        await CloseAsync();
                        return;
                    case PeerReplyKind.Raw:
                        Answered();
                        await WriteFrameAsync(reply.Flags, request.StreamId, reply.Opcode, reply.Body);
                        return;
                }

                PeerReply answer;
                try
                {
                    answer = request.Opcode switch
                    {
                        0x07 => _peer.Engine.Query(request),
                        0x09 => _peer.Engine.Prepare(request.Query!),
                        0x0A => _peer.Engine.Execute(request),
                        _ => _peer.Engine.Batch(request),
                    };
                }
                catch (PeerException ex)
                {
                    answer = PeerReply.Error(ex.Code, ex.Message, ex.Extra);
                }

                Answered();
                await WriteFrameAsync(answer.Flags, request.StreamId, answer.Opcode, answer.Body);
            }
            finally
            {
                Answered();
            }
        }
    }
}
