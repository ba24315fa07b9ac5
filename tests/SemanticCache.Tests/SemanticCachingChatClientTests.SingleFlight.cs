using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

/// <summary>Single-flight: concurrent identical misses make one model call.</summary>
public sealed partial class SemanticCachingChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_HundredConcurrentIdenticalMisses_MakeExactlyOneInnerCall()
    {
        using var h = new CacheHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Inner.GetResponseAsyncCallback = async (m, _, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return TestChatClient.Answer("shared answer");
        };

        var calls = Enumerable.Range(0, 100).Select(_ => Task.Run(() => h.AskAsync("popular question"), Ct)).ToList();
        await WaitUntilAsync(() => h.Client.Engine.Flights.InFlight == 1 && h.Inner.Calls == 1);
        await WaitUntilAsync(() => h.Client.Engine.Flights.Joined == 99); // every other caller waits on the leader
        release.SetResult();
        var responses = await Task.WhenAll(calls);

        Assert.Equal(1, h.Inner.Calls);
        Assert.All(responses, r => Assert.Equal("shared answer", r.Text));
        var kinds = responses.Select(r => r.GetSemanticCacheHit()?.Kind).ToList();
        Assert.Equal(1, kinds.Count(k => k is null));
        Assert.Equal(99, kinds.Count(k => k is SemanticCacheHitKind.Coalesced));
    }

    [Fact]
    public async Task GetResponseAsync_LeaderFails_WaitersStillAnsweredByTheirOwnCalls()
    {
        using var h = new CacheHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = 0;
        h.Inner.GetResponseAsyncCallback = async (_, _, ct) =>
        {
            if (Interlocked.Exchange(ref first, 1) == 0)
            {
                await release.Task.WaitAsync(ct);
                throw new HttpRequestException("model overloaded");
            }

            return TestChatClient.Answer("recovered");
        };

        var leader = Task.Run(() => h.AskAsync("q"), Ct);
        await WaitUntilAsync(() => h.Client.Engine.Flights.InFlight == 1);
        var waiters = Enumerable.Range(0, 5).Select(_ => Task.Run(() => h.AskAsync("q"), Ct)).ToList();
        await WaitUntilAsync(() => h.Client.Engine.Flights.Joined == 5);
        release.SetResult();

        await Assert.ThrowsAsync<HttpRequestException>(() => leader);
        var answers = await Task.WhenAll(waiters);
        Assert.All(answers, a => Assert.Equal("recovered", a.Text));
        Assert.All(answers, a => Assert.NotEqual(SemanticCacheHitKind.Coalesced, a.GetSemanticCacheHit()?.Kind));
    }

    [Fact]
    public async Task GetResponseAsync_OneWaiterCancels_OthersStillGetTheAnswer()
    {
        using var h = new CacheHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Inner.GetResponseAsyncCallback = async (_, _, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return TestChatClient.Answer("answer");
        };
        using var cancelled = new CancellationTokenSource();

        var leader = Task.Run(() => h.AskAsync("q"), Ct);
        await WaitUntilAsync(() => h.Client.Engine.Flights.InFlight == 1);
        var quitter = Task.Run(() => h.Client.GetResponseAsync(CacheHarness.Prompt("q"), null, cancelled.Token), Ct);
        var patient = Task.Run(() => h.AskAsync("q"), Ct);
        await WaitUntilAsync(() => h.Client.Engine.Flights.Joined == 2);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter);
        release.SetResult();

        Assert.Equal("answer", (await leader).Text);
        Assert.Equal("answer", (await patient).Text);
        Assert.Equal(1, h.Inner.Calls);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConcurrentIdenticalMisses_WaitersGetAReplay()
    {
        using var h = new CacheHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Inner.GetStreamingResponseAsyncCallback = (_, _, ct) => Gated(release.Task, ct);

        var leader = Task.Run(() => h.AskStreamingAsync("q"), Ct);
        await WaitUntilAsync(() => h.Client.Engine.Flights.InFlight == 1);
        var waiters = Enumerable.Range(0, 3).Select(_ => Task.Run(() => h.AskStreamingAsync("q"), Ct)).ToList();
        await WaitUntilAsync(() => h.Client.Engine.Flights.Joined == 3);
        release.SetResult();

        var leaderUpdates = await leader;
        var waiterUpdates = await Task.WhenAll(waiters);
        Assert.Equal(1, h.Inner.Calls);
        Assert.Equal("streamed answer", leaderUpdates.ToChatResponse().Text);
        Assert.All(waiterUpdates, u => Assert.Equal("streamed answer", u.ToChatResponse().Text));
        Assert.All(waiterUpdates, u => Assert.Equal(SemanticCacheHitKind.Coalesced, u[^1].GetSemanticCacheHit()?.Kind));
    }

    [Fact]
    public async Task GetResponseAsync_SingleFlightDisabled_EveryConcurrentMissCallsTheModel()
    {
        using var h = new CacheHarness(o => o.EnableSingleFlight = false);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Inner.GetResponseAsyncCallback = async (_, _, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return TestChatClient.Answer("a");
        };

        var calls = Enumerable.Range(0, 5).Select(_ => Task.Run(() => h.AskAsync("q"), Ct)).ToList();
        await WaitUntilAsync(() => h.Inner.Calls == 5);
        gate.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(5, h.Inner.Calls);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Gated(Task gate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        yield return new ChatResponseUpdate(ChatRole.Assistant, "streamed ") { MessageId = "m" };
        yield return new ChatResponseUpdate(ChatRole.Assistant, "answer") { MessageId = "m" };
        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop };
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.True(condition(), "the condition was not reached within 10 seconds");
    }
}
