using Spectre.Console;

namespace SemanticCache.Agent.Tests;

/// <summary>Runs the agent in-process with a recording console, a given environment and a given standard input.</summary>
internal static class AgentRunner
{
    public static async Task<AgentRunResult> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? input = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var variables = environment ?? new Dictionary<string, string>();
        using var reader = new StringReader(input ?? string.Empty);
        var host = new AgentHost(Plain(output), Plain(error), name => variables.GetValueOrDefault(name), reader, TimeProvider.System);
        var code = await AgentApplication.RunAsync([.. args], host, TestContext.Current.CancellationToken);
        return new AgentRunResult(code, output.ToString(), error.ToString());
    }

    private static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        // Wide enough that no line wraps, so tests can look for whole messages.
        console.Profile.Width = 1000;
        return console;
    }

    /// <summary>The arguments that point the agent at a loopback Messages API.</summary>
    public static string[] Against(AnthropicMessagesServer server, params string[] args) =>
        ["--endpoint", server.BaseAddress.ToString(), "--anthropic-api-key", AnthropicMessagesServer.ApiKey, "--model", "claude-test-model", .. args];
}
