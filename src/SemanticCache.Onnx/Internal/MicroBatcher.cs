using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SemanticCache.Onnx;

/// <summary>
/// Gathers concurrent single-input requests into shared inference runs, so that throughput grows with load.
/// </summary>
/// <remarks>
/// <para>
/// Up to <c>maxConcurrentRuns</c> inference runs happen at once. A caller that finds a free run slot (and nobody queued)
/// runs its own request at once, on its own thread: a lone caller pays no queue, no hand-off and no waiting. Requests that arrive
/// while every slot is busy queue up, and the next run takes them all (up to the batch size), oldest first; when a runner's
/// own request is done and more are queued, a background task takes over its slot until the queue is empty.
/// </para>
/// <para>
/// Waiting on purpose to fill a batch only pays when inference is expensive. So the runner waits (at most the configured
/// delay, and only until the batch is full) only when the previous run had several requests <em>and</em> took at least as long
/// as that delay; with cheap models or light load it never waits.
/// </para>
/// <para>
/// Each caller gets its own vector and keeps its own cancellation: a cancelled request completes at once as cancelled and
/// is left out of any run that has not started. Thread-safe.
/// </para>
/// </remarks>
internal sealed class MicroBatcher : IDisposable
{
    private readonly Func<IReadOnlyList<int[]>, float[][]> _runBatch;
    private readonly int _maxBatchSize;
    private readonly int _maxConcurrentRuns;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>();
    private readonly CancellationTokenSource _stopping = new();
    private int _running; // runners active now, at most _maxConcurrentRuns
    private int _batchCount;
    private int _previousBatchSize;
    private long _previousRunTicks;
    private volatile bool _disposed;

    public MicroBatcher(Func<IReadOnlyList<int[]>, float[][]> runBatch, int maxBatchSize, TimeSpan maxDelay, TimeProvider timeProvider, ILogger logger, int maxConcurrentRuns = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentRuns, 1);
        _runBatch = runBatch;
        _maxBatchSize = maxBatchSize;
        _maxConcurrentRuns = maxConcurrentRuns;
        _maxDelay = maxDelay;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Gets the number of inference runs so far (for tests and diagnostics).</summary>
    public int BatchCount => Volatile.Read(ref _batchCount);

    /// <summary>Queues one input and returns its vector once its run is done.</summary>
    public Task<float[]> EmbedAsync(int[] tokenIds, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<float[]>(cancellationToken);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_queue.Reader.Count == 0 && TryStartRunning())
        {
            return RunAlone(tokenIds);
        }

        var request = new Request(tokenIds);
        request.Registration = cancellationToken.Register(
            static state =>
            {
                var (r, token) = ((Request, CancellationToken))state!;
                r.Completion.TrySetCanceled(token);
            },
            (request, cancellationToken));

        if (!_queue.Writer.TryWrite(request))
        {
            request.Fail(new ObjectDisposedException(nameof(OnnxEmbeddingGenerator)));
        }
        else if (TryStartRunning())
        {
            return RunAsCallerAsync(request);
        }

        return request.Completion.Task;
    }

    /// <summary>Fails queued requests with <see cref="ObjectDisposedException"/>; a run in progress completes.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        while (_queue.Reader.TryRead(out Request? request))
        {
            request.Fail(new ObjectDisposedException(nameof(OnnxEmbeddingGenerator)));
        }

        // _stopping is not disposed: a runner may still be finishing and observes the cancellation afterwards.
    }

    private bool TryStartRunning()
    {
        int current = Volatile.Read(ref _running);
        while (current < _maxConcurrentRuns)
        {
            int seen = Interlocked.CompareExchange(ref _running, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>The common case of a lone caller: nobody waiting and a free slot, so no queue, no hand-off.</summary>
    private Task<float[]> RunAlone(int[] tokenIds)
    {
        try
        {
            long started = _timeProvider.GetTimestamp();
            Interlocked.Increment(ref _batchCount);
            float[] vector = _runBatch([tokenIds])[0];
            Volatile.Write(ref _previousRunTicks, _timeProvider.GetElapsedTime(started).Ticks);
            Volatile.Write(ref _previousBatchSize, 1);
            return Task.FromResult(vector);
        }
        catch (Exception ex)
        {
            return Task.FromException<float[]>(ex);
        }
        finally
        {
            StopRunning();
        }
    }

    private async Task<float[]> RunAsCallerAsync(Request own)
    {
        try
        {
            // Run queued requests (oldest first) until this caller's own is done. If another runner took it, stop
            // as soon as the queue is empty and wait for that run instead.
            var batch = new List<Request>(_maxBatchSize);
            while (!own.Completion.Task.IsCompleted && !_disposed && await RunNextBatchAsync(batch).ConfigureAwait(false))
            {
            }
        }
        finally
        {
            StopRunning();
        }

        return await own.Completion.Task.ConfigureAwait(false);
    }

    private async Task RunInBackgroundAsync()
    {
        try
        {
            var batch = new List<Request>(_maxBatchSize);
            while (!_disposed && await RunNextBatchAsync(batch).ConfigureAwait(false))
            {
            }
        }
        finally
        {
            StopRunning();
        }
    }

    private void StopRunning()
    {
        Interlocked.Decrement(ref _running); // a full fence: the queue check below must not move before it

        // A request queued just before the flag dropped would otherwise wait for the next caller: hand it to a runner now.
        if (!_disposed && _queue.Reader.Count > 0 && TryStartRunning())
        {
            _ = Task.Run(RunInBackgroundAsync, CancellationToken.None);
        }
    }

    /// <summary>Runs one batch from the queue; returns <see langword="false"/> when there was nothing to run.</summary>
    private async Task<bool> RunNextBatchAsync(List<Request> batch)
    {
        batch.Clear();
        Drain(batch);
        if (batch.Count < _maxBatchSize && Volatile.Read(ref _previousBatchSize) > 1 && _maxDelay > TimeSpan.Zero && Volatile.Read(ref _previousRunTicks) >= _maxDelay.Ticks)
        {
            await GatherMoreAsync(batch).ConfigureAwait(false);
        }

        if (batch.Count == 0)
        {
            return false;
        }

        Run(batch);
        return true;
    }

    private async Task GatherMoreAsync(List<Request> batch)
    {
        using var window = new CancellationTokenSource(_maxDelay, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(window.Token, _stopping.Token);
        try
        {
            while (batch.Count < _maxBatchSize && await _queue.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                Drain(batch);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The window closed (or the batcher is stopping): run what has been gathered.
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

    private void Run(List<Request> batch)
    {
        var inputs = new int[batch.Count][];
        for (int i = 0; i < batch.Count; i++)
        {
            inputs[i] = batch[i].TokenIds;
        }

        Interlocked.Increment(ref _batchCount);
        long started = _timeProvider.GetTimestamp();
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

        Volatile.Write(ref _previousRunTicks, _timeProvider.GetElapsedTime(started).Ticks);
        Volatile.Write(ref _previousBatchSize, batch.Count);
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
