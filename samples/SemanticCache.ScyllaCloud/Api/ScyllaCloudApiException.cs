using System.Net;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// An error answer of the ScyllaDB Cloud API: the envelope's 6-digit <c>error</c> code and/or a failing HTTP status.
/// A <see cref="ToolException"/>, so a command reports it as <c>✗ message</c>.
/// </summary>
internal sealed class ScyllaCloudApiException : ToolException
{
    public ScyllaCloudApiException()
    {
    }

    public ScyllaCloudApiException(string message)
        : base(message)
    {
    }

    public ScyllaCloudApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScyllaCloudApiException(string method, string path, HttpStatusCode statusCode, string? errorCode, string? detail)
        : base(Describe(method, path, statusCode, errorCode, detail))
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public HttpStatusCode StatusCode { get; }

    public string? ErrorCode { get; }

    /// <summary>Explains the codes the tool can meet; the list comes from the API's published error table.</summary>
    public static string? Explain(string? code) => code switch
    {
        "000001" => "rate limited",
        "020005" => "only a Bearer authorization token is supported",
        "040703" => "a cluster with this name already exists",
        "040742" => "invalid vector search configuration",
        "040743" => "only one vector search instance per availability zone",
        "040744" => "vector search is already installed",
        "040745" => "vector search is not supported on this cluster",
        "040746" => "invalid instance type for vector search",
        "040747" => "mutually exclusive parameters",
        "040748" => "too many vector search nodes for the data center",
        "040751" or "040752" => "free-tier limit reached",
        _ => null,
    };

    private static string Describe(string method, string path, HttpStatusCode statusCode, string? errorCode, string? detail)
    {
        var text = $"ScyllaDB Cloud API error on {method} {path}: HTTP {(int)statusCode}";
        if (!string.IsNullOrEmpty(errorCode))
        {
            text += $", code {errorCode}";
            if (Explain(errorCode) is { } meaning)
            {
                text += $" ({meaning})";
            }
        }

        if (!string.IsNullOrWhiteSpace(detail))
        {
            text += $": {detail}";
        }

        return text;
    }
}
