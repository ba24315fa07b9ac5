using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SemanticCache.Scylla;

/// <summary>
/// One native protocol v4 connection: TCP with optional TLS, the OPTIONS/STARTUP/AUTH handshake, and many requests in
/// flight at once, each on its own stream id, with responses matched by id in whatever order they arrive.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. A caller first takes an in-flight slot (<see cref="TryAcquireSlot"/> or <see cref="AcquireSlotAsync"/>),
/// then calls <see cref="SendAsync"/>, which always gives the slot back. A request that times out or is cancelled keeps
/// its stream id until its late response arrives, so the id is never reused while the server may still answer on it.
/// </para>
/// <para>
/// One writer loop coalesces queued frames into few socket writes; one reader loop dispatches responses. When either
/// fails, the connection closes and every pending request fails with <see cref="ScyllaConnectionException"/>.
/// </para>
/// </remarks>
internal sealed class CqlConnection : IAsyncDisposable
{
    private const int ReadBufferSize = 64 * 1024;
    private const int WriteBufferSize = 64 * 1024;
    private static int s_nextId;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly CqlConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly PendingRequest?[] _pending;
    private readonly Stack<short> _freeIds;
    private readonly SemaphoreSlim _slots;
    private readonly Channel<PendingRequest> _writeQueue = Channel.CreateUnbounded<PendingRequest>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _readBuffer = new byte[ReadBufferSize];
    private int _readStart;
    private int _readEnd;
    private int _orphaned;
    private int _closeStarted;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;

    private CqlConnection(Socket socket, Stream stream, string host, CqlConnectionSettings settings, ILogger logger)
    {
        _socket = socket;
        _stream = stream;
        Host = host;
        _settings = settings;
        _logger = logger;
        Id = Interlocked.Increment(ref s_nextId);
        int streams = Math.Clamp(settings.MaxRequestsPerConnection, 1, 32768);
        _pending = new PendingRequest?[streams];
        _freeIds = new Stack<short>(streams);
        for (int i = streams - 1; i >= 0; i--)
        {
            _freeIds.Push((short)i);
        }

        _slots = new SemaphoreSlim(streams, streams);
    }

    /// <summary>Raised once when the connection closes, with the cause (or <see langword="null"/> when it was disposed).</summary>
    public event Action<CqlConnection, Exception?>? Closed;

    /// <summary>Gets the connection's id, for logs.</summary>
    public int Id { get; }

    /// <summary>Gets the host as "host:port".</summary>
    public string Host { get; }

    /// <summary>Gets the options the server listed in SUPPORTED.</summary>
    public IReadOnlyDictionary<string, List<string>> Supported { get; private set; } = new Dictionary<string, List<string>>();

    /// <summary>Gets the authenticator class the server asked for, or <see langword="null"/> when none was required.</summary>
    public string? Authenticator { get; private set; }

    /// <summary>Gets a value indicating whether the connection is closed or closing.</summary>
    public bool IsClosed => Volatile.Read(ref _closeStarted) != 0;

    /// <summary>Gets the number of requests that currently hold a stream id (including timed-out ones still awaiting a response).</summary>
    public int InFlight => _pending.Length - _slots.CurrentCount;

    /// <summary>Gets the number of timed-out or cancelled requests whose response has not arrived yet.</summary>
    public int Orphaned => Volatile.Read(ref _orphaned);

    /// <summary>Gets a task that completes when the connection has closed, with the cause.</summary>
    public Task<Exception?> Completion => _closed.Task;

    /// <summary>Opens a connection and performs the handshake.</summary>
    /// <param name="host">The host name or address.</param>
    /// <param name="port">The port.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The ready connection.</returns>
    /// <exception cref="ScyllaConnectionException">The host could not be reached or the handshake failed.</exception>
    /// <exception cref="ScyllaServerException">The server refused the handshake (for example bad credentials).</exception>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "Ownership passes to the returned connection; the finally block disposes whatever was not handed over.")]
    public static async Task<CqlConnection> OpenAsync(
        string host, int port, CqlConnectionSettings settings, ILogger logger, CancellationToken cancellationToken = default)
    {
        string display = FormatHost(host, port);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        Socket? socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        CqlConnection? connection = null;
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            EndPoint endPoint = IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (settings.UseTls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(CreateTlsOptions(host, settings), timeout.Token).ConfigureAwait(false);
            }

            connection = new CqlConnection(socket, stream, display, settings, logger);
            socket = null;
            stream = null;
            connection.Start();
            await connection.HandshakeAsync(timeout.Token).ConfigureAwait(false);
            logger.ConnectionOpened(connection.Id, display, connection.Authenticator ?? "no authentication");
            var opened = connection;
            connection = null;
            return opened;
        }
        catch (Exception ex) when (ex is not (ScyllaServerException or ScyllaConnectionException)
            && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            string reason = ex is OperationCanceledException ? $"timed out after {settings.ConnectTimeout}" : ex.Message;
            throw new ScyllaConnectionException($"Could not connect to {display}: {reason}", ex);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket?.Dispose();
        }
    }

    /// <summary>Takes an in-flight slot without waiting.</summary>
    /// <returns><see langword="true"/> when a slot was taken.</returns>
    public bool TryAcquireSlot() => !IsClosed && _slots.Wait(0);

    /// <summary>Waits for an in-flight slot.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when a slot was taken.</returns>
    public async ValueTask<bool> AcquireSlotAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsClosed)
        {
            return false;
        }

        if (!await _slots.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (IsClosed)
        {
            _slots.Release();
            return false;
        }

        return true;
    }

    /// <summary>Sends a request on a slot taken before and waits for its response.</summary>
    /// <param name="request">The request; it is copied, so the caller may reuse it.</param>
    /// <param name="timeout">How long to wait for the response.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The response frame; the caller disposes it.</returns>
    /// <exception cref="TimeoutException">No response arrived within <paramref name="timeout"/>.</exception>
    /// <exception cref="ScyllaConnectionException">The connection is closed or closed before the response arrived.</exception>
    public async Task<CqlFrame> SendAsync(CqlRequest request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        short streamId;
        lock (_freeIds)
        {
            if (!_freeIds.TryPop(out streamId))
            {
                _slots.Release();
                throw new InvalidOperationException("SendAsync was called without an in-flight slot.");
            }
        }

        var source = request.Frame;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(source.Length);
        source.CopyTo(buffer);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(2), streamId);
        var pending = new PendingRequest(streamId, buffer, source.Length, request.Opcode);
        // A full fence, so that Close either sees this request or this thread sees Close.
        Interlocked.Exchange(ref _pending[streamId], pending);
        if (IsClosed || !_writeQueue.Writer.TryWrite(pending))
        {
            pending.MarkDone();
            pending.ReleaseFrame();
            ReleaseStream(streamId);
            throw ClosedException();
        }

        try
        {
            return await pending.Task.WaitAsync(timeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Abandon(pending);
            throw new TimeoutException($"{request.Opcode} on {Host} timed out after {timeout}.");
        }
        catch (OperationCanceledException)
        {
            Abandon(pending);
            throw;
        }
    }

    /// <summary>Sends a request after waiting for a slot, for the handshake and other one-off requests.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The response frame; the caller disposes it.</returns>
    public async Task<CqlFrame> SendWithSlotAsync(CqlRequest request, CancellationToken cancellationToken = default)
    {
        if (!await AcquireSlotAsync(_settings.RequestTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw IsClosed ? ClosedException() : new TimeoutException($"No stream id became free on {Host} within {_settings.RequestTimeout}.");
        }

        return await SendAsync(request, _settings.RequestTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Close(null);
        try
        {
            await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // The loops end by failing on the closed socket; Close already recorded why.
        }
    }

    internal static string FormatHost(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    private static SslClientAuthenticationOptions CreateTlsOptions(string host, CqlConnectionSettings settings)
    {
        string serverName = settings.TlsServerName ?? host;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            ClientCertificates = settings.TlsClientCertificates,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        options.RemoteCertificateValidationCallback = settings.TlsCertificateValidation
            ?? ((_, certificate, chain, errors) => ValidateServerCertificate(certificate, errors, settings));
        return options;
    }

    private static bool ValidateServerCertificate(X509Certificate? certificate, SslPolicyErrors errors, CqlConnectionSettings settings)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 && settings.TlsValidateHostName)
        {
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0)
        {
            return true;
        }

        if (settings.TlsCaCertificates is not { Count: > 0 } roots)
        {
            return false;
        }

        // The system store does not know the cluster's CA: validate the chain against the configured roots only.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var serverCertificate = new X509Certificate2(certificate);
        return chain.Build(serverCertificate);
    }

    private void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        using (var options = CqlRequestEncoder.Options())
        {
            using var supported = await SendWithSlotAsync(options, cancellationToken).ConfigureAwait(false);
            ThrowIfUnsupportedVersion(supported);
            Supported = CqlResponseDecoder.DecodeSupported(supported);
        }

        using var startup = CqlRequestEncoder.Startup([new("CQL_VERSION", "3.0.0")]);
        using var reply = await SendWithSlotAsync(startup, cancellationToken).ConfigureAwait(false);
        ThrowIfUnsupportedVersion(reply);
        switch (reply.Header.Opcode)
        {
            case CqlOpcode.Ready:
                return;
            case CqlOpcode.Authenticate:
                Authenticator = CqlResponseDecoder.DecodeAuthenticate(reply);
                await AuthenticateAsync(Authenticator, cancellationToken).ConfigureAwait(false);
                return;
            default:
                CqlResponseDecoder.ThrowIfError(reply);
                throw new ScyllaConnectionException($"{Host} answered STARTUP with {reply.Header.Opcode} instead of READY or AUTHENTICATE.");
        }
    }

    // SASL PLAIN, as PasswordAuthenticator expects: "\0user\0password".
    private async Task AuthenticateAsync(string authenticator, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_settings.Username))
        {
            throw new ScyllaConnectionException(
                $"{Host} requires authentication ({authenticator}); set Username and Password in the options.");
        }

        int userLength = Encoding.UTF8.GetByteCount(_settings.Username);
        int passwordLength = Encoding.UTF8.GetByteCount(_settings.Password ?? string.Empty);
        byte[] token = new byte[2 + userLength + passwordLength];
        Encoding.UTF8.GetBytes(_settings.Username, token.AsSpan(1));
        Encoding.UTF8.GetBytes(_settings.Password ?? string.Empty, token.AsSpan(2 + userLength));
        try
        {
            using var response = CqlRequestEncoder.AuthResponse(token);
            using var reply = await SendWithSlotAsync(response, cancellationToken).ConfigureAwait(false);
            switch (reply.Header.Opcode)
            {
                case CqlOpcode.AuthSuccess:
                    return;
                case CqlOpcode.AuthChallenge:
                    throw new ScyllaConnectionException(
                        $"{Host} sent an AUTH_CHALLENGE after the PLAIN credentials; {authenticator} is not supported by this client.");
                default:
                    CqlResponseDecoder.ThrowIfError(reply);
                    throw new ScyllaConnectionException($"{Host} answered AUTH_RESPONSE with {reply.Header.Opcode}.");
            }
        }
        finally
        {
            Array.Clear(token);
        }
    }

    private void ThrowIfUnsupportedVersion(CqlFrame frame)
    {
        if (frame.Header.Opcode == CqlOpcode.Error && frame.Header.ProtocolVersion != 4)
        {
            try
            {
                CqlResponseDecoder.ThrowIfError(frame);
            }
            catch (ScyllaServerException ex)
            {
                throw new ScyllaConnectionException(
                    $"{Host} does not speak native protocol v4 (it answered with v{frame.Header.ProtocolVersion}): {ex.ServerMessage}", ex);
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(WriteBufferSize);
        try
        {
            var reader = _writeQueue.Reader;
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                int used = 0;
                while (reader.TryRead(out var pending))
                {
                    if (!pending.TryTransition(PendingRequest.Queued, PendingRequest.Sent))
                    {
                        // Abandoned before it was written: no response will come, so the id is free now.
                        pending.ReleaseFrame();
                        ReleaseStream(pending.StreamId);
                        continue;
                    }

                    var frame = pending.Frame;
                    if (used + frame.Length > buffer.Length && used > 0)
                    {
                        await _stream.WriteAsync(buffer.AsMemory(0, used), _closing.Token).ConfigureAwait(false);
                        used = 0;
                    }

                    if (frame.Length > buffer.Length)
                    {
                        await _stream.WriteAsync(frame, _closing.Token).ConfigureAwait(false);
                    }
                    else
                    {
                        frame.Span.CopyTo(buffer.AsSpan(used));
                        used += frame.Length;
                    }

                    pending.ReleaseFrame();
                }

                if (used > 0)
                {
                    await _stream.WriteAsync(buffer.AsMemory(0, used), _closing.Token).ConfigureAwait(false);
                }

                await _stream.FlushAsync(_closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Close(ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ReadLoopAsync()
    {
        byte[] header = new byte[CqlFrameHeader.Size];
        try
        {
            while (true)
            {
                if (!await ReadExactlyAsync(header).ConfigureAwait(false))
                {
                    Close(new ScyllaConnectionException($"{Host} closed the connection."));
                    return;
                }

                var frameHeader = CqlFrameHeader.Read(header);
                if (!frameHeader.IsResponse || (frameHeader.ProtocolVersion != 4 && frameHeader.Opcode != CqlOpcode.Error))
                {
                    throw new InvalidDataException($"Unexpected frame version byte 0x{frameHeader.Version:X2}; a v4 response (0x84) was expected.");
                }

                if (frameHeader.BodyLength is < 0 or > CqlFrameHeader.MaxBodyLength)
                {
                    throw new InvalidDataException($"Invalid frame body length {frameHeader.BodyLength}.");
                }

                byte[] body = ArrayPool<byte>.Shared.Rent(Math.Max(frameHeader.BodyLength, 1));
                CqlFrame? frame = new(frameHeader, body);
                try
                {
                    if (!await ReadExactlyAsync(body.AsMemory(0, frameHeader.BodyLength)).ConfigureAwait(false))
                    {
                        Close(new ScyllaConnectionException($"{Host} closed the connection in the middle of a frame."));
                        return;
                    }

                    // Dispatch owns the frame from here.
                    var received = frame;
                    frame = null;
                    Dispatch(received);
                }
                finally
                {
                    frame?.Dispose();
                }
            }
        }
        catch (Exception ex)
        {
            Close(ex);
        }
    }

    private void Dispatch(CqlFrame frame)
    {
        short streamId = frame.Header.Stream;
        if (streamId < 0)
        {
            // Server-initiated (EVENT on -1); this client does not REGISTER, so there is nothing to deliver.
            frame.Dispose();
            return;
        }

        var pending = streamId < _pending.Length ? Volatile.Read(ref _pending[streamId]) : null;
        if (pending is null)
        {
            _logger.UnexpectedFrame(Id, Host, streamId, frame.Header.Opcode.ToString());
            frame.Dispose();
            return;
        }

        if (pending.TryTransition(PendingRequest.Sent, PendingRequest.Done))
        {
            ReleaseStream(streamId);
            if (!pending.TryComplete(frame))
            {
                frame.Dispose();
            }

            return;
        }

        if (pending.TryTransition(PendingRequest.Abandoned, PendingRequest.Done))
        {
            // The late answer of a request that timed out: now the id may be reused.
            Interlocked.Decrement(ref _orphaned);
            ReleaseStream(streamId);
            frame.Dispose();
            return;
        }

        _logger.UnexpectedFrame(Id, Host, streamId, frame.Header.Opcode.ToString());
        frame.Dispose();
    }

    private void Abandon(PendingRequest pending)
    {
        if (pending.TryTransition(PendingRequest.Queued, PendingRequest.Abandoned))
        {
            return; // the writer loop releases the id when it dequeues it
        }

        if (pending.TryTransition(PendingRequest.Sent, PendingRequest.Abandoned))
        {
            int orphaned = Interlocked.Increment(ref _orphaned);
            if (orphaned > _settings.MaxOrphanedRequestsPerConnection)
            {
                _logger.TooManyOrphanedRequests(Id, Host, orphaned);
                Close(new ScyllaConnectionException($"{Host} left {orphaned} requests unanswered."));
            }

            return;
        }

        // Completed at the same moment it timed out: nobody will read the frame.
        if (pending.Task.IsCompletedSuccessfully)
        {
            pending.Task.Result.Dispose();
        }
    }

    private void ReleaseStream(short streamId)
    {
        Volatile.Write(ref _pending[streamId], null);
        lock (_freeIds)
        {
            _freeIds.Push(streamId);
        }

        _slots.Release();
    }

    private async ValueTask<bool> ReadExactlyAsync(Memory<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int buffered = _readEnd - _readStart;
            if (buffered > 0)
            {
                int count = Math.Min(buffered, destination.Length);
                _readBuffer.AsSpan(_readStart, count).CopyTo(destination.Span);
                _readStart += count;
                destination = destination[count..];
                continue;
            }

            int read;
            if (destination.Length >= _readBuffer.Length)
            {
                // Large bodies go straight into their buffer.
                read = await _stream.ReadAsync(destination, _closing.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return false;
                }

                destination = destination[read..];
                continue;
            }

            read = await _stream.ReadAsync(_readBuffer, _closing.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            _readStart = 0;
            _readEnd = read;
        }

        return true;
    }

    private ScyllaConnectionException ClosedException() =>
        new($"The connection to {Host} is closed.", _closed.Task.IsCompleted ? _closed.Task.Result : null);

    private void Close(Exception? cause)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
        {
            return;
        }

        _logger.ConnectionClosed(Id, Host, cause?.Message ?? "disposed");
        _writeQueue.Writer.TryComplete();
        _closing.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _stream.Dispose();
        _socket.Dispose();
        var failure = new ScyllaConnectionException(
            cause is null ? $"The connection to {Host} was closed." : $"The connection to {Host} was lost: {cause.Message}", cause);
        for (int i = 0; i < _pending.Length; i++)
        {
            var pending = Interlocked.Exchange(ref _pending[i], null);
            if (pending is not null)
            {
                // The frame buffer stays with the writer loop, which may still be reading it.
                pending.MarkDone();
                pending.Fail(failure);
            }
        }

        while (_writeQueue.Reader.TryRead(out var queued))
        {
            queued.MarkDone();
            queued.ReleaseFrame();
            queued.Fail(failure);
        }

        _closed.TrySetResult(cause);
        Closed?.Invoke(this, cause);
    }
}
