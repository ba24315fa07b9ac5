using SemanticCache.Agent;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the agent cleanly (the cache is disposed, a memory snapshot saved); a second one kills it.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
return await AgentApplication.RunAsync(args, AgentHost.FromProcess(), cancellation.Token);
