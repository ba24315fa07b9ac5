using System.Text;

namespace SemanticCache.Samples.Testing;

/// <summary>The answer a <see cref="LoopbackHttpServer"/> handler gives: a fixed body, or a streamed (chunked) one.</summary>
public sealed class LoopbackResponse
{
    public int Status { get; init; } = 200;

    public string ContentType { get; init; } = "application/json";

    public byte[] Body { get; init; } = [];

    public IDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets a writer for a streamed body; when set, the body goes out chunked and the connection closes after it.</summary>
    public Func<Stream, CancellationToken, Task>? Stream { get; init; }

    public static LoopbackResponse Json(string json, int status = 200) =>
        new() { Status = status, Body = Encoding.UTF8.GetBytes(json) };

    public static LoopbackResponse Empty(int status) => new() { Status = status, ContentType = "text/plain" };
}
