using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace SemanticCache.Benchmarks;

/// <summary>Wraps the simulated model and records in <see cref="CallTimings.Current"/> when it was called and answered.</summary>
public sealed class TimingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var timings = CallTimings.Current;
        if (timings is not null)
        {
            timings.ModelStarted = Stopwatch.GetTimestamp();
        }

        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        if (timings is not null)
        {
            timings.ModelFinished = Stopwatch.GetTimestamp();
        }

        return response;
    }
}
