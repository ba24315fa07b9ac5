using Microsoft.Extensions.AI;
using SemanticCache.Benchmarks.Support;

namespace SemanticCache.Benchmarks.Tests;

public sealed class TimingChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_RecordsWhenTheModelRan()
    {
        using var client = new TimingChatClient(new ScriptedChatClient(TimeSpan.FromMilliseconds(30)));
        var timings = new CallTimings();
        CallTimings.Current = timings;

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: TestContext.Current.CancellationToken);

        CallTimings.Current = null;
        Assert.Equal("Simulated answer to: hi", response.Text);
        Assert.True(timings.ModelCalled);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(timings.ModelStarted, timings.ModelFinished) >= TimeSpan.FromMilliseconds(20)); // the simulated model's delay, not a speed claim
    }

    [Fact]
    public async Task GetResponseAsync_WithoutTimings_JustAnswers()
    {
        using var client = new TimingChatClient(new ScriptedChatClient());

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Simulated answer to: hi", response.Text);
    }
}
