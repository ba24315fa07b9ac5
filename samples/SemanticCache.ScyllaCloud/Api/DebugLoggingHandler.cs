using System.Text.Json;
using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// Logs every request and response for <c>--debug</c>. The Authorization header is masked and any JSON property
/// named like a password is replaced, so a debug trace can be pasted into an issue without leaking secrets.
/// </summary>
internal sealed class DebugLoggingHandler : DelegatingHandler
{
    private const string Mask = "****";
    private readonly Action<string> _write;
    private readonly TimeProvider _timeProvider;

    public DebugLoggingHandler(Action<string> write, TimeProvider timeProvider, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _write = write;
        _timeProvider = timeProvider;
    }

    internal static string MaskSecrets(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return body;
        }

        try
        {
            var node = JsonNode.Parse(body);
            if (node is null)
            {
                return body;
            }

            MaskNode(node);
            return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return body;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var lines = new List<string> { $"→ {request.Method} {request.RequestUri}" };
        foreach (var header in request.Headers)
        {
            var value = header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                ? $"{request.Headers.Authorization?.Scheme} {Mask}"
                : string.Join(", ", header.Value);
            lines.Add($"  {header.Key}: {value}");
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                lines.Add($"  {header.Key}: {string.Join(", ", header.Value)}");
            }

            lines.Add(Indent(MaskSecrets(await request.Content.ReadAsStringAsync(cancellationToken))));
        }

        _write(string.Join('\n', lines));
        var started = _timeProvider.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        var elapsed = _timeProvider.GetElapsedTime(started);

        // Buffer the body so it can be logged here and still be read by the client.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        _write($"← {(int)response.StatusCode} {response.ReasonPhrase} ({elapsed.TotalMilliseconds:F0} ms)\n{Indent(MaskSecrets(body))}");
        return response;
    }

    private static void MaskNode(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj.ToList())
                {
                    if (property.Key.Contains("password", StringComparison.OrdinalIgnoreCase) ||
                        property.Key.Contains("secret", StringComparison.OrdinalIgnoreCase) ||
                        property.Key.Contains("token", StringComparison.OrdinalIgnoreCase))
                    {
                        obj[property.Key] = Mask;
                    }
                    else if (property.Value is not null)
                    {
                        MaskNode(property.Value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        MaskNode(item);
                    }
                }

                break;
        }
    }

    private static string Indent(string text) =>
        string.Join('\n', text.Split('\n').Select(line => "  " + line.TrimEnd('\r')));
}
