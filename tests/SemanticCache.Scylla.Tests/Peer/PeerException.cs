namespace SemanticCache.Scylla.Tests;

/// <summary>An error the peer answers with an ERROR frame.</summary>
internal sealed class PeerException : Exception
{
    public PeerException(int code, string message, byte[]? extra = null)
        : base(message)
    {
        Code = code;
        Extra = extra ?? [];
    }

    public PeerException()
    {
        Extra = [];
    }

    public PeerException(string message)
        : base(message)
    {
        Extra = [];
    }

    public PeerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Extra = [];
    }

    public int Code { get; }

    public byte[] Extra { get; }
}
