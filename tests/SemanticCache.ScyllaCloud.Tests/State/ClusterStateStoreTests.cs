using System.Text.Json.Nodes;

namespace SemanticCache.ScyllaCloud.Tests;

public sealed class ClusterStateStoreTests
{
    [Fact]
    public async Task SaveThenLoad_RoundTripsEntries()
    {
        using var harness = new ToolHarness();
        var store = new ClusterStateStore(harness.StatePath);
        var state = new ClusterStateFile();
        state.Clusters["b"] = new ClusterStateEntry { Name = "b", AccountId = 7, ClusterId = 42, RequestId = 9, CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        state.Clusters["a"] = new ClusterStateEntry { Name = "a", AccountId = 7, RequestId = 10 };

        await store.SaveAsync(state, TestContext.Current.CancellationToken);
        var loaded = await store.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b"], loaded.Clusters.Keys);
        Assert.Equal(42, loaded.Clusters["b"].ClusterId);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), loaded.Clusters["b"].CreatedAt);
        Assert.Equal(ClusterStateFile.CurrentVersion, JsonNode.Parse(harness.ReadState())!["version"]!.GetValue<int>());
        Assert.Equal([Path.GetFileName(harness.StatePath)], Directory.GetFiles(Path.GetDirectoryName(harness.StatePath)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Save_OnUnix_IsReadableByOwnerOnly()
    {
        using var harness = new ToolHarness();
        var store = new ClusterStateStore(harness.StatePath);

        await store.SaveAsync(new ClusterStateFile(), TestContext.Current.CancellationToken);

        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
        }
        else
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(harness.StatePath));
        }
    }

    [Fact]
    public async Task Load_MissingFile_IsEmpty()
    {
        using var harness = new ToolHarness();

        var state = await new ClusterStateStore(harness.StatePath).LoadAsync(TestContext.Current.CancellationToken);

        Assert.Empty(state.Clusters);
    }

    [Fact]
    public async Task Load_CorruptFile_FailsClearlyAndLeavesFileAlone()
    {
        using var harness = new ToolHarness();
        Directory.CreateDirectory(Path.GetDirectoryName(harness.StatePath)!);
        await File.WriteAllTextAsync(harness.StatePath, "{ not json", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<ToolException>(() => new ClusterStateStore(harness.StatePath).LoadAsync(TestContext.Current.CancellationToken));

        Assert.Contains("is not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal("{ not json", harness.ReadState());
    }

    [Fact]
    public async Task Load_NewerVersion_IsRefused()
    {
        using var harness = new ToolHarness();
        Directory.CreateDirectory(Path.GetDirectoryName(harness.StatePath)!);
        await File.WriteAllTextAsync(harness.StatePath, """{"version":99,"clusters":{}}""", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<ToolException>(() => new ClusterStateStore(harness.StatePath).LoadAsync(TestContext.Current.CancellationToken));

        Assert.Contains("version 99", ex.Message, StringComparison.Ordinal);
    }
}
