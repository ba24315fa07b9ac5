namespace SemanticCache.Scylla.Tests;

/// <summary>How the peer answers one request (test hooks pick it; the table engine is the default).</summary>
internal sealed class PeerReply
{
    private PeerReply(PeerReplyKind kind)
    {
        Kind = kind;
    }

    public PeerReplyKind Kind { get; }

    public TimeSpan Delay { get; private init; }

    /// <summary>Gets a task the peer waits for before answering (an ordering a test controls, rather than a race of delays).</summary>
    public Task? Gate { get; private init; }

    public byte Opcode { get; private init; }

    public byte Flags { get; private init; }

    public byte[] Body { get; private init; } = [];

    /// <summary>Holds this answer back until <paramref name="gate"/> completes.</summary>
    public PeerReply After(Task gate) => new(Kind) { Delay = Delay, Opcode = Opcode, Flags = Flags, Body = Body, Gate = gate };

    /// <summary>Lets the table engine answer, optionally after a delay.</summary>
    public static PeerReply Default(TimeSpan delay = default) => new(PeerReplyKind.Default) { Delay = delay };

    /// <summary>Answers with a raw frame body.</summary>
    public static PeerReply Raw(byte opcode, byte[] body, byte flags = 0, TimeSpan delay = default) =>
        new(PeerReplyKind.Raw) { Opcode = opcode, Body = body, Flags = flags, Delay = delay };

    /// <summary>Answers with an ERROR: [int] code, [string] message, then the code's extra fields.</summary>
    public static PeerReply Error(int code, string message, byte[]? extra = null, TimeSpan delay = default) =>
        Raw(0x00, new PeerWriter().Int(code).String(message).Raw(extra ?? []).ToArray(), 0, delay);

    /// <summary>Closes the connection instead of answering.</summary>
    public static PeerReply Drop(TimeSpan delay = default) => new(PeerReplyKind.Drop) { Delay = delay };

    /// <summary>Never answers.</summary>
    public static PeerReply Never() => new(PeerReplyKind.Never);
}
