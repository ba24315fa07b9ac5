using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SemanticCache.Onnx;

/// <summary>
/// Gathers concurrent single-input requests into batches for one inference run each, so that throughput grows with load.
/// </summary>
/// <remarks>
/// One background loop takes every queued request (up to the batch size) and runs them together. It waits for more only
/// when the previous batch had several requests (a sign of concurrent callers), and then at most the configured delay, so a
/// lone caller is never delayed. Every caller gets its own vector and keeps its own cancellation: a cancelled request
/// completes at once as cancelled, and is dropped from the batch if the batch has not started yet. Thread-safe.
/// </remarks>
internal sealed class MicroBatcher : IDisposable
{
    private readonly Func<IReadOnlyList<int[]>, float[][]> _runBatch;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _loop;
    private int _previousBatchSize;
    private bool _disposed;

    public MicroBatcher(Func<IReadOnlyList<int[]>, float[][]> runBatch, int maxBatchSize, TimeSpan maxDelay, TimeProvider timeProvider, ILogger logger)
    {
        _runBatch = runBatch;
        _maxBatchSize = maxBatchSize;
        _maxDelay = maxDelay;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Gets the number of inference runs so far (for tests and diagnostics).</summary>
    public int BatchCount { get; private set; }

    /// <summary>Queues one input and returns its vector once its batch has run.</summary>
    public Task<float[]> EmbedAsync(int[] tokenIds, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<float[]>(cancellationToken);
        }

        var request = new Request(tokenIds);
        request.Registration = cancellationToken.Register(
            static state =>
            {
                var (r, token) = ((Request, CancellationToken))state!;
                r.Completion.TrySetCanceled(token);
            },
            (request, cancellationToken));

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _loop ??= Task.Run(RunLoopAsync, CancellationToken.None);
            _queue.Writer.TryWrite(request); // unbounded: always succeeds while not completed
        }

        return request.Completion.Task;
    }

    /// <summary>Stops the loop; queued requests fail with <see cref="ObjectDisposedException"/>, a running batch completes.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.Writer.TryComplete();
        }

        _stopping.Cancel();
        while (_queue.Reader.TryRead(out Request? request))
        {
            request.Fail(new ObjectDisposedException(nameof(OnnxEmbeddingGenerator)));
        }

        // _stopping is not disposed: the loop may still be finishing a batch and will observe the cancellation afterwards.
    }

    private async Task RunLoopAsync()
    {
        var batch = new List<Request>(_maxBatchSize);
        var inputs = new List<int[]>(_maxBatchSize);
        CancellationToken stopping = _stopping.Token;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                Drain(batch);
                if (batch.Count < _maxBatchSize && _previousBatchSize > 1 && _maxDelay > TimeSpan.Zero)
                {
                    await GatherMoreAsync(batch, stopping).ConfigureAwait(false);
                }

                if (batch.Count > 0)
                {
                    Run(batch, inputs);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // disposed
        }
        finally
        {
            foreach (Request request in batch)
            {
                request.Fail(new ObjectDisposedException(nameof(OnnxEmbeddingGenerator)));
            }
        }
    }

    private async Task GatherMoreAsync(List<Request> batch, CancellationToken stopping)
    {
        using var window = new CancellationTokenSource(_maxDelay, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(window.Token, stopping);
        try
        {
            while (batch.Count < _maxBatchSize && await _queue.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                Drain(batch);
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // the window closed: run what we have
        }
    }

    private void Drain(List<Request> batch)
    {
        while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out Request? request))
        {
            if (request.Completion.Task.IsCompleted)
            {
                request.Registration.Dispose(); // cancelled while queued: never reaches the model
                continue;
            }

            batch.Add(request);
        }
    }

    private void Run(List<Request> batch, List<int[]> inputs)
    {
        inputs.Clear();
        foreach (Request request in batch)
        {
            inputs.Add(request.TokenIds);
        }

        _previousBatchSize = batch.Count;
        BatchCount++;
        try
        {
            float[][] vectors = _runBatch(inputs);
            for (int i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(vectors[i]);
            }
        }
        catch (Exception ex)
        {
            Log.MicroBatchFailed(_logger, batch.Count, ex);
            foreach (Request request in batch)
            {
                request.Fail(ex);
            }
        }
    }

    private sealed class Request(int[] tokenIds)
    {
        public int[] TokenIds { get; } = tokenIds;

        public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public void Complete(float[] vector)
        {
            Registration.Dispose();
            Completion.TrySetResult(vector);
        }

        public void Fail(Exception exception)
        {
            Registration.Dispose();
            Completion.TrySetException(exception);
        }
    }
}
