using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SemanticCache.Onnx.Tests;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (port chosen by the OS) that serves files under hub-style paths and can
/// misbehave on purpose: corrupt a byte, cut the body short, or answer 404. One request per connection.
/// </summary>
internal sealed class LoopbackModelServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, (string FilePath, ServeMode Mode)> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;

    public LoopbackModelServer()
    {
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    public enum ServeMode
    {
        Normal,
        CorruptByte,
        Truncate,
    }

    public Uri BaseAddress { get; }

    /// <summary>Gets the request paths received so far.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Serves <paramref name="filePath"/> at <c>/{repository}/resolve/{revision}/{remotePath}</c>.</summary>
    public void Serve(string repository, string revision, string remotePath, string filePath, ServeMode mode = ServeMode.Normal) =>
        _routes[$"/{repository}/resolve/{revision}/{remotePath}"] = (filePath, mode);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string? requestLine = await ReadHeadAsync(stream);
                if (requestLine is null)
                {
                    return;
                }

                string path = requestLine.Split(' ')[1];
                _requests.Enqueue(path);
                if (!_routes.TryGetValue(Uri.UnescapeDataString(path), out var route))
                {
                    await WriteAsync(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nNot Found");
                    return;
                }

                byte[] body = await File.ReadAllBytesAsync(route.FilePath);
                if (route.Mode == ServeMode.CorruptByte)
                {
                    body[body.Length / 2] ^= 0xFF;
                }

                await WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                int length = route.Mode == ServeMode.Truncate ? body.Length / 2 : body.Length;
                await stream.WriteAsync(body.AsMemory(0, length));
                await stream.FlushAsync();

                // Truncate: the connection closes with half of the announced body sent.
            }
            catch (IOException)
            {
                // the client gave up; nothing to do
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        return head.ToString().Split("\r\n")[0];
    }

    private static async Task WriteAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        await stream.FlushAsync();
    }
}
