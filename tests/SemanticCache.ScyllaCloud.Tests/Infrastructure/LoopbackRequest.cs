using System.Text;

namespace SemanticCache.Samples.Testing;

/// <summary>One HTTP request received by <see cref="LoopbackHttpServer"/>.</summary>
public sealed class LoopbackRequest
{
    public required string Method { get; init; }

    /// <summary>Gets the path without the query string.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the query string without the leading '?', or an empty string.</summary>
    public required string Query { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required byte[] BodyBytes { get; init; }

    public string Body => Encoding.UTF8.GetString(BodyBytes);

    public string PathAndQuery => Query.Length == 0 ? Path : Path + "?" + Query;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public IReadOnlyDictionary<string, string> QueryParameters =>
        Query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty, StringComparer.Ordinal);
}
