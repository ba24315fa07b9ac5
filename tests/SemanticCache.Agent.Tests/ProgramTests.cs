using System.Globalization;

namespace SemanticCache.Agent.Tests;

/// <summary>The agent as a process of its own: what it initialises, what it prints, how it exits.</summary>
public sealed class ProgramTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Main_NoCache_InitialisesNoEmbeddingModelAndContactsNoDatabase()
    {
        SkipUnlessProcMaps();
        await using var server = await AnthropicMessagesServer.StartAsync();
        using var postgres = new ConnectionCounter();
        using var scylla = new ConnectionCounter();
        await using var agent = AgentProcess.Start(AgentRunner.Against(server, [
            "--with-cache", "none", "--interactive", "--embedding-model", TestModels.Directory,
            "--postgres-host", "127.0.0.1", "--postgres-port", postgres.Port.ToString(CultureInfo.InvariantCulture),
            "--scylla-contact-points", "127.0.0.1", "--scylla-port", scylla.Port.ToString(CultureInfo.InvariantCulture)]));

        await agent.SendLineAsync("first question");
        await agent.WaitForAsync("Answer to: first question", Timeout);
        var mapped = agent.MappedFiles();
        await agent.SendLineAsync("/exit");

        Assert.Equal(0, await agent.WaitForExitAsync(Timeout));
        Assert.Contains(mapped, f => f.EndsWith("SemanticCache.Agent.dll", StringComparison.Ordinal));
        Assert.DoesNotContain(mapped, IsOnnxRuntime);
        Assert.Equal(0, postgres.Connections);
        Assert.Equal(0, scylla.Connections);
    }

    [Fact]
    public async Task Main_PgVectorCacheWhoseServerHangsUp_TriedTheServerWarnedAndAnswered()
    {
        // The control of the test above: the same probes see the database being contacted once a cache is asked for.
        await using var server = await AnthropicMessagesServer.StartAsync();
        using var postgres = new ConnectionCounter();
        await using var agent = AgentProcess.Start(AgentRunner.Against(server, [
            "--with-cache", "pgvector", "--interactive", "--embedding-model", TestModels.Directory,
            "--postgres-host", "127.0.0.1", "--postgres-port", postgres.Port.ToString(CultureInfo.InvariantCulture)]));

        await agent.SendLineAsync("first question");
        await agent.WaitForAsync("Answer to: first question", Timeout);
        await agent.SendLineAsync("/exit");

        Assert.Equal(0, await agent.WaitForExitAsync(Timeout));
        Assert.Contains("✗ Cache unavailable: could not open the store (PostgreSQL at", agent.Output, StringComparison.Ordinal);
        Assert.True(postgres.Connections > 0, "the agent never connected to the PostgreSQL port");
    }

    [Fact]
    public async Task Main_KnownModelName_IsResolvedBySemanticCacheOnnx()
    {
        // SemanticCache.Onnx reads SEMANTICCACHE_ONNX_MODEL_DIR itself, so this runs in a process of its own.
        TestModels.Require();
        await using var server = await AnthropicMessagesServer.StartAsync();
        await using var agent = AgentProcess.Start(
            AgentRunner.Against(server, "--with-cache", "memory", "--embedding-model", "all-MiniLM-L6-v2", "-p", "hi"),
            new Dictionary<string, string> { ["SEMANTICCACHE_ONNX_MODEL_DIR"] = TestModels.Directory });

        Assert.Equal(0, await agent.WaitForExitAsync(Timeout));
        Assert.Contains("✓ Embedding model all-MiniLM-L6-v2 loaded (384 dimensions)", agent.Output, StringComparison.Ordinal);
        Assert.Contains("✗ Cache miss", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_MissingApiKey_ExitsWithOneAndSaysWhy()
    {
        await using var agent = AgentProcess.Start(["--with-cache", "none", "-p", "hi"]);

        Assert.Equal(AgentApplication.Failure, await agent.WaitForExitAsync(Timeout));
        Assert.Contains("No Anthropic API key", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_CtrlCWhileWaitingForInput_StopsWith130()
    {
        SkipUnlessProcMaps();
        await using var server = await AnthropicMessagesServer.StartAsync();
        await using var agent = AgentProcess.Start(AgentRunner.Against(server, "--with-cache", "none", "--interactive"), catchesCtrlC: true);
        await agent.WaitForAsync("Interactive mode", Timeout);

        await agent.InterruptAsync();

        Assert.Equal(AgentApplication.Cancelled, await agent.WaitForExitAsync(Timeout));
        Assert.Contains("✗ Cancelled.", agent.Output, StringComparison.Ordinal);
    }

    private static bool IsOnnxRuntime(string file) => Path.GetFileName(file).StartsWith("libonnxruntime", StringComparison.Ordinal);

    private static void SkipUnlessProcMaps()
    {
        if (!File.Exists("/proc/self/maps"))
        {
            Assert.Skip("needs Linux /proc/<pid>/maps to see which native libraries a process has loaded");
        }
    }
}
