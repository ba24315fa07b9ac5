using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace SemanticCache.Onnx.Tests;

public sealed class MicroBatcherTests
{
    [Fact]
    public async Task EmbedAsync_RequestsQueuedDuringARun_RunTogetherAndEachGetsItsOwnVector()
    {
        using var runner = new GatedRunner();
        using var batcher = Create(runner, maxBatchSize: 32);
        Task<float[]> first = Task.Run(() => batcher.EmbedAsync([1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(1);

        Task<float[]>[] queued = [.. Enumerable.Range(2, 5).Select(id => batcher.EmbedAsync([id], TestContext.Current.CancellationToken))];
        runner.ReleaseAll();

        Assert.Equal(new[] { 1f }, await first);
        for (int i = 0; i < queued.Length; i++)
        {
            Assert.Equal(new[] { i + 2f }, await queued[i]);
        }

        Assert.Equal([[1], [2, 3, 4, 5, 6]], runner.Batches);
    }

    [Fact]
    public async Task EmbedAsync_MoreRequestsThanMaxBatchSize_SplitsIntoBoundedRuns()
    {
        using var runner = new GatedRunner();
        using var batcher = Create(runner, maxBatchSize: 2);
        Task<float[]> first = Task.Run(() => batcher.EmbedAsync([1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(1);

        Task<float[]>[] queued = [.. Enumerable.Range(2, 5).Select(id => batcher.EmbedAsync([id], TestContext.Current.CancellationToken))];
        runner.ReleaseAll();
        await Task.WhenAll([first, .. queued]);

        Assert.Equal([[1], [2, 3], [4, 5], [6]], runner.Batches);
    }

    [Fact]
    public async Task EmbedAsync_TwoRunSlots_RunTwoCallersInParallelAndQueueTheThird()
    {
        using var runner = new GatedRunner();
        using var batcher = new MicroBatcher(runner.Run, 32, TimeSpan.Zero, TimeProvider.System, NullLogger.Instance, maxConcurrentRuns: 2);
        Task<float[]> first = Task.Run(() => batcher.EmbedAsync([1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(1);
        Task<float[]> second = Task.Run(() => batcher.EmbedAsync([2], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(2); // both slots busy at once

        Task<float[]> third = batcher.EmbedAsync([3], TestContext.Current.CancellationToken);
        Task<float[]> fourth = batcher.EmbedAsync([4], TestContext.Current.CancellationToken);
        Assert.False(third.IsCompleted);
        runner.ReleaseAll();

        Assert.Equal(new[] { 3f }, await third);
        Assert.Equal(new[] { 4f }, await fourth);
        await Task.WhenAll(first, second);
        Assert.Equal([[1], [2]], runner.Batches.Take(2));
        Assert.Equal([3, 4], runner.Batches.Skip(2).SelectMany(b => b).Order()); // both freed slots may pick from the queue
    }

    [Fact]
    public async Task EmbedAsync_CancelledWhileQueued_CompletesCancelledAndNeverRuns()
    {
        using var runner = new GatedRunner();
        using var batcher = Create(runner, maxBatchSize: 32);
        using var cancellation = new CancellationTokenSource();
        Task<float[]> first = Task.Run(() => batcher.EmbedAsync([1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(1);
        Task<float[]> cancelled = batcher.EmbedAsync([2], cancellation.Token);
        Task<float[]> kept = batcher.EmbedAsync([3], TestContext.Current.CancellationToken);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        runner.ReleaseAll();
        Assert.Equal(new[] { 3f }, await kept);
        await first;
        Assert.Equal([[1], [3]], runner.Batches);
    }

    [Fact]
    public async Task EmbedAsync_CancelledWhileItsBatchRuns_CompletesCancelledAndOthersSucceed()
    {
        using var runner = new GatedRunner();
        using var batcher = Create(runner, maxBatchSize: 32);
        using var cancellation = new CancellationTokenSource();
        Task<float[]> first = Task.Run(() => batcher.EmbedAsync([1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(1);
        Task<float[]> cancelled = batcher.EmbedAsync([2], cancellation.Token);
        Task<float[]> kept = batcher.EmbedAsync([3], TestContext.Current.CancellationToken);
        runner.ReleaseOne();
        await runner.WaitForBatchAsync(2);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(kept.IsCompleted);
        runner.ReleaseAll();
        Assert.Equal(new[] { 3f }, await kept);
        Assert.Equal(new[] { 1f }, await first);
    }

    [Fact]
    public async Task EmbedAsync_AlreadyCancelled_ReturnsCancelledTaskWithoutQueuing()
    {
        using var runner = new GatedRunner();
        runner.ReleaseAll();
        using var batcher = Create(runner, maxBatchSize: 32);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batcher.EmbedAsync([1], new CancellationToken(canceled: true)));

        Assert.Empty(runner.Batches);
    }

    [Fact]
    public async Task EmbedAsync_RunThrows_FailsEveryRequestOfThatBatch()
    {
        using var runner = new GatedRunner { Failure = new InvalidOperationException("boom") };
        using var batcher = Create(runner, maxBatchSize: 32);
        Task<float[]> first = Task.Run(() => batcher.EmbedAsync([1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(1);
        Task<float[]>[] queued = [batcher.EmbedAsync([2], TestContext.Current.CancellationToken), batcher.EmbedAsync([3], TestContext.Current.CancellationToken)];

        runner.ReleaseAll();

        foreach (Task<float[]> task in (Task<float[]>[])[first, .. queued])
        {
            Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => task)).Message);
        }

        Assert.Equal([[1], [2, 3]], runner.Batches);
    }

    [Fact]
    public async Task EmbedAsync_LoneCaller_IsNotDelayedByTheWindow()
    {
        using var runner = new GatedRunner();
        runner.ReleaseAll();
        var time = new FakeTimeProvider();
        using var batcher = new MicroBatcher(runner.Run, 8, TimeSpan.FromSeconds(1), time, NullLogger.Instance);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(new[] { (float)i }, await batcher.EmbedAsync([i], TestContext.Current.CancellationToken)); // time never advances
        }
    }

    [Fact]
    public async Task EmbedAsync_AfterSlowConcurrentRun_WaitsForTheWindowToGatherMore()
    {
        var time = new FakeTimeProvider();
        using var runner = new GatedRunner { OnRun = () => time.Advance(TimeSpan.FromMilliseconds(5)) }; // each run "takes" 5 ms
        using var batcher = new MicroBatcher(runner.Run, 8, TimeSpan.FromMilliseconds(2), time, NullLogger.Instance);
        Task<float[]> first = Task.Run(() => batcher.EmbedAsync([1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(1);
        Task<float[]>[] pair = [batcher.EmbedAsync([2], TestContext.Current.CancellationToken), batcher.EmbedAsync([3], TestContext.Current.CancellationToken)];
        runner.ReleaseAll();
        await Task.WhenAll([first, .. pair]); // a slow run of two requests: concurrent load on an expensive model

        Task<float[]> late = batcher.EmbedAsync([4], TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(late.IsCompleted); // held open by the (fake) 2 ms window
        Task<float[]> joiner = batcher.EmbedAsync([5], TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMilliseconds(2));

        Assert.Equal(new[] { 4f }, await late);
        Assert.Equal(new[] { 5f }, await joiner);
        Assert.Equal([4, 5], runner.Batches[^1]);
    }

    [Fact]
    public async Task EmbedAsync_AfterFastConcurrentRun_DoesNotWait()
    {
        var time = new FakeTimeProvider(); // runs take no (fake) time: waiting would cost more than it gathers
        using var runner = new GatedRunner();
        using var batcher = new MicroBatcher(runner.Run, 8, TimeSpan.FromMilliseconds(2), time, NullLogger.Instance);
        Task<float[]> first = Task.Run(() => batcher.EmbedAsync([1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(1);
        Task<float[]>[] pair = [batcher.EmbedAsync([2], TestContext.Current.CancellationToken), batcher.EmbedAsync([3], TestContext.Current.CancellationToken)];
        runner.ReleaseAll();
        await Task.WhenAll([first, .. pair]);

        Assert.Equal(new[] { 4f }, await batcher.EmbedAsync([4], TestContext.Current.CancellationToken)); // time never advances
    }

    [Fact]
    public async Task Dispose_QueuedRequests_FailWithObjectDisposedException()
    {
        using var runner = new GatedRunner();
        var batcher = Create(runner, maxBatchSize: 32);
        Task<float[]> running = Task.Run(() => batcher.EmbedAsync([1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await runner.WaitForBatchAsync(1);
        Task<float[]> queued = batcher.EmbedAsync([2], TestContext.Current.CancellationToken);

        batcher.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        runner.ReleaseAll();
        Assert.Equal(new[] { 1f }, await running); // a batch that already started completes
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.EmbedAsync([3], TestContext.Current.CancellationToken); });
    }

    private static MicroBatcher Create(GatedRunner runner, int maxBatchSize) =>
        new(runner.Run, maxBatchSize, TimeSpan.Zero, TimeProvider.System, NullLogger.Instance);

    /// <summary>A batch runner that records each batch and waits for the test's go-ahead before returning id → [id].</summary>
    private sealed class GatedRunner : IDisposable
    {
        private readonly List<int[]> _batches = [];
        private readonly SemaphoreSlim _started = new(0);
        private readonly SemaphoreSlim _release = new(0);
        private volatile bool _open;

        public Exception? Failure { get; init; }

        public Action? OnRun { get; init; }

        public IReadOnlyList<int[]> Batches
        {
            get
            {
                lock (_batches)
                {
                    return [.. _batches];
                }
            }
        }

        public float[][] Run(IReadOnlyList<int[]> inputs)
        {
            lock (_batches)
            {
                _batches.Add([.. inputs.Select(i => i[0])]);
            }

            OnRun?.Invoke();
            _started.Release();
            if (!_open)
            {
                _release.Wait(TimeSpan.FromSeconds(30));
            }

            return Failure is null ? [.. inputs.Select(i => new float[] { i[0] })] : throw Failure;
        }

        public async Task WaitForBatchAsync(int count)
        {
            while (Batches.Count < count)
            {
                Assert.True(await _started.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "no batch started");
            }
        }

        public void ReleaseOne() => _release.Release();

        public void Dispose()
        {
            _started.Dispose();
            _release.Dispose();
        }

        public void ReleaseAll()
        {
            _open = true;
            _release.Release(1000);
        }
    }
}
