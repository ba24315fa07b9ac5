namespace SemanticCache.Samples.Cli.Tests;

/// <summary>A failure type of a tool's own, derived from <see cref="ToolException"/> as an API error would be.</summary>
internal sealed class DetailedFailureException : ToolException
{
    public DetailedFailureException(string message, string code)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
