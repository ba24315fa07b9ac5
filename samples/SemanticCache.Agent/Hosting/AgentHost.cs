using Spectre.Console;

namespace SemanticCache.Agent;

/// <summary>What the agent uses of the process: its consoles, its environment variables, its input and its clock.</summary>
/// <param name="Console">Where the agent writes (standard output).</param>
/// <param name="ErrorConsole">Where the messages that stop the agent go (standard error), as in the other samples.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable (<see langword="null"/> when it is not set).</param>
/// <param name="Input">Where the interactive mode reads prompts.</param>
/// <param name="TimeProvider">Measures latencies.</param>
internal sealed record AgentHost(IAnsiConsole Console, IAnsiConsole ErrorConsole, Func<string, string?> GetEnvironmentVariable, TextReader Input, TimeProvider TimeProvider)
{
    /// <summary>Gets the host of this process.</summary>
    /// <returns>The process's console, environment, standard input and system clock.</returns>
    public static AgentHost FromProcess()
    {
        var console = AnsiConsole.Console;
        var errorConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });

        // Like the other samples: when the output is redirected there is no window to measure, so COLUMNS gives the width.
        if (System.Console.IsOutputRedirected
            && int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns)
            && columns > 0)
        {
            console.Profile.Width = columns;
            errorConsole.Profile.Width = columns;
        }

        return new(console, errorConsole, Environment.GetEnvironmentVariable, System.Console.In, TimeProvider.System);
    }
}
