using System.Diagnostics;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SemanticCache.PgVectorDocker.Tests;

public sealed class PgVectorDockerAppTests
{
    public static TheoryData<string> Commands => ["start", "stop", "restart", "destroy", "status", "info", "logs"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EverySubcommand_DocumentsEveryOptionWithItsEnvironmentVariable(string name)
    {
        using var harness = new ToolHarness();
        var root = PgVectorDockerApp.BuildRootCommand(Context());
        var command = root.Subcommands.Single(c => c.Name == name);

        var run = await harness.RunAsync(name, "--help");

        Assert.Equal(0, run.ExitCode);
        var options = command.Options.Concat(root.Options.Where(o => o.Recursive)).Where(o => o is not System.CommandLine.Help.HelpOption);
        foreach (var option in options)
        {
            Assert.Contains(option.Name, run.Output, StringComparison.Ordinal);
            Assert.Contains("[env: ", option.Description, StringComparison.Ordinal);
            Assert.Contains(option.Description!.Split(" [env: ")[0], run.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_DoesNotPrintTheDefaultPassword()
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync("start", "--help");

        Assert.Contains("--password", run.Output, StringComparison.Ordinal);
        Assert.Contains("[env: POSTGRES_PASSWORD] [default: (hidden)]", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--port", "70000" }, "--port 70000 must be between 1 and 65535")]
    [InlineData(new[] { "--pg-version", "11" }, "--pg-version 11 is not supported; use 12 to 18")]
    [InlineData(new[] { "--name", "bad name" }, "--name 'bad name' is not a valid name")]
    [InlineData(new[] { "--database", "x;drop" }, "--database 'x;drop' is not a valid name")]
    [InlineData(new[] { "--bind-address", "localhost" }, "--bind-address 'localhost' is not an IP address")]
    [InlineData(new[] { "--docker-host", "ftp://x" }, "is not a Docker endpoint")]
    public async Task Run_InvalidSettings_FailBeforeTouchingAnything(string[] extra, string message)
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync(["start", .. extra]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidEnvironmentValue_NamesTheVariable()
    {
        using var harness = new ToolHarness();
        harness.Environment["PGVECTOR_ENGINE"] = "podman";

        var run = await harness.RunAsync("status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PGVECTOR_ENGINE='podman' is not one of: docker, native", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_AsSeparateProcess_UsesDockerHostFromTheEnvironment()
    {
        await using var daemon = new FakeDockerDaemon();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SemanticCache.PgVectorDocker.dll"));
        start.ArgumentList.Add("status");
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        start.Environment["DOCKER_HOST"] = daemon.Host;
        start.Environment["PGVECTOR_NAME"] = "from-env";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, await error);
        var json = JsonNode.Parse(await output)!;
        Assert.Equal("from-env", json["name"]!.GetValue<string>());
        Assert.False(json["exists"]!.GetValue<bool>());
        Assert.Contains("GET /containers/from-env/json", daemon.CallLog);
    }

    private static ToolContext Context() => new()
    {
        Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
        Environment = new Dictionary<string, string>(),
        HomeDirectory = Path.GetTempPath(),
    };
}
