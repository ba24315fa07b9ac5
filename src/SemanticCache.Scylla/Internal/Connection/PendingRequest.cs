using System.Buffers;

namespace SemanticCache.Scylla;

/// <summary>A request written (or about to be written) on a connection and waiting for the response on its stream.</summary>
/// <remarks>
/// The state moves once from <see cref="Queued"/> to <see cref="Sent"/> (writer) or <see cref="Abandoned"/> (caller gave
/// up), and ends in <see cref="Done"/> (response, failure) or stays <see cref="Abandoned"/> until the late response
/// frees the stream id. Every transition is a compare-and-swap so the stream id is released exactly once.
/// </remarks>
internal sealed class PendingRequest
{
    public const int Queued = 0;
    public const int Sent = 1;
    public const int Done = 2;
    public const int Abandoned = 3;

    private readonly TaskCompletionSource<CqlFrame> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _frame;
    private int _state;

    /// <summary>Initializes a new instance of the <see cref="PendingRequest"/> class.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="frame">A pooled buffer holding the frame with the stream id written in.</param>
    /// <param name="frameLength">The length of the frame.</param>
    /// <param name="opcode">The request opcode.</param>
    public PendingRequest(short streamId, byte[] frame, int frameLength, CqlOpcode opcode)
    {
        StreamId = streamId;
        _frame = frame;
        FrameLength = frameLength;
        Opcode = opcode;
    }

    /// <summary>Gets the stream id.</summary>
    public short StreamId { get; }

    /// <summary>Gets the request opcode.</summary>
    public CqlOpcode Opcode { get; }

    /// <summary>Gets the length of the frame.</summary>
    public int FrameLength { get; }

    /// <summary>Gets the task completed with the response frame.</summary>
    public Task<CqlFrame> Task => _completion.Task;

    /// <summary>Gets the current state.</summary>
    public int State => Volatile.Read(ref _state);

    /// <summary>Gets the frame bytes; valid until <see cref="ReleaseFrame"/>.</summary>
    public ReadOnlyMemory<byte> Frame => _frame.AsMemory(0, FrameLength);

    /// <summary>Moves the state from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The expected state.</param>
    /// <param name="to">The new state.</param>
    /// <returns><see langword="true"/> when the state was <paramref name="from"/>.</returns>
    public bool TryTransition(int from, int to) => Interlocked.CompareExchange(ref _state, to, from) == from;

    /// <summary>Forces the state to <see cref="Done"/> and returns the previous state.</summary>
    /// <returns>The previous state.</returns>
    public int MarkDone() => Interlocked.Exchange(ref _state, Done);

    /// <summary>Completes the request with its response.</summary>
    /// <param name="frame">The response frame.</param>
    /// <returns><see langword="true"/> when the caller will receive the frame.</returns>
    public bool TryComplete(CqlFrame frame) => _completion.TrySetResult(frame);

    /// <summary>Fails the request.</summary>
    /// <param name="exception">The failure.</param>
    public void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>Returns the frame buffer to the pool; called once the frame is written or will never be.</summary>
    public void ReleaseFrame()
    {
        var frame = Interlocked.Exchange(ref _frame, null);
        if (frame is not null)
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
