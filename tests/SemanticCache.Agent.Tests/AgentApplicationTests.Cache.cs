using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace SemanticCache.Agent.Tests;

/// <summary>
/// The cache end to end. The embedding model is ../shared/models/qqp-static-384 (small, static, trained on Quora
/// questions): it scores the rewording below 0.8398 against the first prompt (golden-similarities.jsonl), so the tests
/// pass a threshold of 0.8, and an unrelated question far below it (0.28 for the golden unrelated pair).
/// </summary>
public sealed partial class AgentApplicationTests
{
    private const string First = "How do I learn C# quickly?";
    private const string Reworded = "What is the fastest way to learn C#?";
    private const string Unrelated = "What is the best way to invest in stocks?";

    [Fact]
    public async Task RunAsync_MemoryCache_ServesTheRewordedPromptFromTheStore()
    {
        TestModels.Require();
        await using var server = await AnthropicMessagesServer.StartAsync();

        var result = await AgentRunner.RunAsync(AgentRunner.Against(server, [.. MemoryCache(), "-p", First, "-p", Reworded, "-p", Unrelated, "-p", First]));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(server.Violations);
        Assert.Equal([First, Unrelated], server.Requests.Select(r => r.LastUserText));
        Assert.Contains("✓ Embedding model qqp-static-384 loaded (384 dimensions)", result.Output, StringComparison.Ordinal);
        Assert.Contains("✓ Response cached (TTL: 3600s)", result.Output, StringComparison.Ordinal);
        var hits = Hits(result.Output);
        Assert.Equal(2, hits.Count);
        Assert.Equal(("semantic", "store tier"), (hits[0].Kind, hits[0].Tier));
        Assert.InRange(hits[0].Similarity, 0.8, 0.99);
        Assert.Equal(("exact", "L1 tier", 1.0), (hits[1].Kind, hits[1].Tier, hits[1].Similarity));
        Assert.Equal(3, CountOf(result.Output, $"Answer to: {First}")); // the answer, then its two replays
        Assert.Equal(2, CountOf(result.Output, "✗ Cache miss - answered by claude-test-model"));
    }

    [Fact]
    public async Task RunAsync_MemoryCacheStreaming_ReplaysTheCachedAnswerAsAStream()
    {
        TestModels.Require();
        await using var server = await AnthropicMessagesServer.StartAsync();

        var result = await AgentRunner.RunAsync(AgentRunner.Against(server, [.. MemoryCache(), "--stream", "-p", First, "-p", Reworded]));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(server.Violations);
        Assert.True(Assert.Single(server.Requests).Stream);
        Assert.Equal(2, CountOf(result.Output, $"Answer to: {First}"));
        var hit = Assert.Single(Hits(result.Output));
        Assert.Equal("semantic", hit.Kind);
        Assert.Contains("✓ Response cached (TTL: 3600s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MemoryCacheWithSnapshot_ServesTheNextRun()
    {
        TestModels.Require();
        await using var server = await AnthropicMessagesServer.StartAsync();
        var snapshot = Path.Combine(Path.GetTempPath(), $"agent-snapshot-{Guid.NewGuid():N}.bin");
        try
        {
            var first = await AgentRunner.RunAsync(AgentRunner.Against(server, [.. MemoryCache(), "--memory-snapshot", snapshot, "-p", First]));
            var second = await AgentRunner.RunAsync(AgentRunner.Against(server, [.. MemoryCache(), "--memory-snapshot", snapshot, "-p", Reworded]));

            Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
            Assert.Single(server.Requests);
            Assert.Contains("1 entry", second.Output, StringComparison.Ordinal);
            Assert.Equal("semantic", Assert.Single(Hits(second.Output)).Kind);
            Assert.Contains($"Answer to: {First}", second.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    [Fact]
    public async Task RunAsync_MemoryCacheInteractive_HitsOnlyWithinTheSameConversationContext()
    {
        TestModels.Require();
        await using var server = await AnthropicMessagesServer.StartAsync();

        var result = await AgentRunner.RunAsync(
            AgentRunner.Against(server, [.. MemoryCache(), "--interactive"]),
            input: $"{First}\n{Reworded}\n/new\n{Reworded}\n/stats\n/exit\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(server.Violations);

        // The rewording in the same conversation follows an answer, so its scope differs: a miss. After /new it is a hit.
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("semantic", Assert.Single(Hits(result.Output)).Kind);
        Assert.Contains("Semantic cache", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PgVectorCache_ServesTheRewordedPromptInTheNextRun()
    {
        TestModels.Require();
        var connectionString = TestPostgres.Require();
        await using var server = await AnthropicMessagesServer.StartAsync();
        var table = $"agent_e2e_{Guid.NewGuid():N}"[..30];
        string[] cache = ["--with-cache", "pgvector", "--postgres-connection-string", connectionString, "--postgres-table", table,
            "--embedding-model", TestModels.Directory, "--similarity-threshold", "0.8"];
        try
        {
            var first = await AgentRunner.RunAsync(AgentRunner.Against(server, [.. cache, "-p", First]));
            var second = await AgentRunner.RunAsync(AgentRunner.Against(server, [.. cache, "-p", Reworded]));
            var streamed = await AgentRunner.RunAsync(AgentRunner.Against(server, [.. cache, "--stream", "-p", Reworded]));

            Assert.Equal((0, 0, 0), (first.ExitCode, second.ExitCode, streamed.ExitCode));
            Assert.Empty(server.Violations);
            Assert.Equal([First], server.Requests.Select(r => r.LastUserText));
            Assert.Contains("✓ Cache ready: PostgreSQL at", first.Output, StringComparison.Ordinal);
            Assert.Contains("0 entries", first.Output, StringComparison.Ordinal);
            Assert.Contains("✓ Response cached (TTL: 3600s)", first.Output, StringComparison.Ordinal);
            Assert.Contains("1 entry", second.Output, StringComparison.Ordinal);
            var hit = Assert.Single(Hits(second.Output));
            Assert.Equal(("semantic", "store tier"), (hit.Kind, hit.Tier));
            Assert.InRange(hit.Similarity, 0.8, 0.99);
            Assert.Contains($"Answer to: {First}", second.Output, StringComparison.Ordinal);
            Assert.Equal("semantic", Assert.Single(Hits(streamed.Output)).Kind);
            Assert.Contains($"Answer to: {First}", streamed.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(connectionString).Password ?? "\0", first.Output + second.Output, StringComparison.Ordinal);
        }
        finally
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var drop = dataSource.CreateCommand($"DROP TABLE IF EXISTS public.\"{table}\"");
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    private static string[] MemoryCache() =>
        ["--with-cache", "memory", "--embedding-model", TestModels.Directory, "--similarity-threshold", "0.8"];

    private static List<(string Kind, string Tier, double Similarity)> Hits(string output) =>
        [.. HitLine().Matches(output).Select(m => (m.Groups["kind"].Value, m.Groups["tier"].Value, double.Parse(m.Groups["similarity"].Value, CultureInfo.InvariantCulture)))];

    private static int CountOf(string text, string value) => Regex.Count(text, Regex.Escape(value));

    [GeneratedRegex(@"✓ Cache hit! \((?<kind>\w+) match, (?<tier>[^,]+), similarity (?<similarity>[0-9.]+), cached \S+ ago\) in [0-9.,]+ ms")]
    private static partial Regex HitLine();
}
