using SemanticCache.Samples.Testing;

namespace SemanticCache.Samples.Cli.Tests;

public sealed class CommandRunnerTests
{
    [Fact]
    public void CreateCommand_Settings_BecomeItsOptionsInOrder()
    {
        var count = new Setting<int>("--count", "Count.", null, 1);
        var user = new TextSetting("--user", "User.", null, null);

        var command = CommandRunner.CreateCommand("run", "Run it.", TestToolContext.Create(), [count, user], (_, _) => Task.FromResult(0));

        Assert.Equal("run", command.Name);
        Assert.Equal("Run it.", command.Description);
        Assert.Equal([count.Option, user.Option], command.Options);
        Assert.NotNull(command.Action);
    }

    [Fact]
    public async Task CreateCommand_Failure_IsReportedLikeSetHandler()
    {
        using var harness = new CommandHarness(context => ToolApp.CreateRootCommand(
            "Test tool.",
            [],
            [CommandRunner.CreateCommand("run", "Run it.", context, [], (_, _) => throw new ToolException("No daemon answers."))]));

        var run = await harness.RunAsync("run");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("✗ No daemon answers.\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task SetHandler_BodyReturnsACode_IsTheExitCode()
    {
        using var harness = CommandHarness.ForBody((_, _) => Task.FromResult(3));

        var run = await harness.RunAsync();

        Assert.Equal(3, run.ExitCode);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task SetHandler_ToolException_PrintsCrossAndMessageAndExitsWithFailureCode()
    {
        using var harness = CommandHarness.ForBody((_, _) => throw new ToolException("--port 70000 must be between 1 and 65535."));

        var run = await harness.RunAsync();

        Assert.Equal(CommandRunner.FailureExitCode, run.ExitCode);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("✗ --port 70000 must be between 1 and 65535.\n", run.Error.ReplaceLineEndings("\n"));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task SetHandler_DerivedToolException_IsReportedTheSameWay()
    {
        using var harness = CommandHarness.ForBody((_, _) => throw new DetailedFailureException("API error [040703]", "040703"));

        var run = await harness.RunAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("✗ API error [040703]", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetHandler_CancelledByCaller_PrintsCancelledAndExits130()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var harness = CommandHarness.ForBody(async (_, cancellationToken) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return 0;
        });

        var run = await harness.RunAsync(cancellation.Token);

        Assert.Equal(CommandRunner.CancelledExitCode, run.ExitCode);
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("✗ Cancelled.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetHandler_CancellationNobodyAskedFor_IsNotReportedAsCancelled()
    {
        // A timeout inside the body is a failure of its own, not the user pressing Ctrl+C: it is left to System.CommandLine.
        using var harness = CommandHarness.ForBody((_, _) => throw new OperationCanceledException("The request timed out."));

        var run = await harness.RunAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.NotEqual(CommandRunner.CancelledExitCode, run.ExitCode);
        Assert.DoesNotContain("✗ Cancelled.", run.Error, StringComparison.Ordinal);
    }
}
