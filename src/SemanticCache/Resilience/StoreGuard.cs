using System.Data.Common;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SemanticCache;

/// <summary>
/// Runs store operations on the request path: behind the circuit breaker, with bounded retries of transient failures,
/// measured and traced. A store that ignores cancellation cannot stall the caller: the wait ends with the deadline.
/// </summary>
internal sealed class StoreGuard(
    ISemanticCacheStore store,
    CircuitBreaker breaker,
    SemanticCacheRetryOptions retry,
    SemanticCacheTelemetry telemetry,
    ILogger logger,
    TimeProvider timeProvider)
{
    public CircuitBreaker Breaker => breaker;

    /// <summary>Runs <paramref name="operation"/>.</summary>
    /// <param name="name">The operation name for telemetry (get, search, upsert).</param>
    /// <param name="operation">The store call.</param>
    /// <param name="deadline">Cancelled when the operation's time budget is spent.</param>
    /// <param name="cancellationToken">The caller's token; its cancellation propagates as <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="CircuitOpenException">The circuit is open.</exception>
    /// <exception cref="TimeoutException">The deadline passed.</exception>
    public async ValueTask<T> ExecuteAsync<T>(
        string name, Func<ISemanticCacheStore, CancellationToken, ValueTask<T>> operation, CancellationToken deadline, CancellationToken cancellationToken)
    {
        if (!breaker.TryAcquire())
        {
            throw new CircuitOpenException();
        }

        using var activity = telemetry.StartActivity(TelemetryNames.StoreActivityPrefix + name);
        activity?.SetTag(TelemetryNames.StoreTypeTag, store.GetType().Name);
        var started = timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            Task<T>? pendingTask = null;
            try
            {
                var pending = operation(store, deadline);
                T result;
                if (pending.IsCompletedSuccessfully)
                {
                    result = pending.Result;
                }
                else
                {
                    pendingTask = pending.AsTask();
                    result = await pendingTask.WaitAsync(deadline);
                }

                breaker.RecordSuccess();
                telemetry.RecordStoreOperation(name, timeProvider.GetElapsedTime(started), null);
                return result;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw; // the caller gave up: not a store failure
            }
            catch (Exception ex) when (deadline.IsCancellationRequested)
            {
                // A store that ignores cancellation keeps running; observe its outcome so it never surfaces as unobserved.
                _ = pendingTask?.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                Fail(name, started, "timeout", activity);
                throw new TimeoutException($"The store operation '{name}' exceeded its time budget.", ex);
            }
            catch (Exception ex) when (attempt <= retry.MaxRetryAttempts && IsTransient(ex))
            {
                var delay = Backoff(attempt);
                Log.StoreRetry(logger, telemetry.CacheName, name, attempt, delay, ex);
                try
                {
                    await Task.Delay(delay, timeProvider, deadline);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Fail(name, started, "timeout", activity);
                    throw new TimeoutException($"The store operation '{name}' exceeded its time budget while retrying.", ex);
                }
            }
            catch (Exception ex)
            {
                Fail(name, started, ex.GetType().FullName!, activity);
                throw;
            }
        }
    }

    private void Fail(string name, long started, string errorType, Activity? activity)
    {
        breaker.RecordFailure();
        telemetry.RecordStoreOperation(name, timeProvider.GetElapsedTime(started), errorType);
        activity?.SetStatus(ActivityStatusCode.Error, errorType);
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = retry.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, retry.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble()));
    }

    private bool IsTransient(Exception exception) => retry.ShouldRetry?.Invoke(exception) ?? exception switch
    {
        TimeoutException or IOException or SocketException or HttpRequestException => true,
        DbException db => db.IsTransient,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
