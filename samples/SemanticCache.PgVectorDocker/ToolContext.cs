using System.Collections;
using Spectre.Console;

namespace SemanticCache.PgVectorDocker;

/// <summary>
/// Everything the tool takes from its surroundings: consoles, environment variables, home directory, clock, poll interval and
/// standard input. The process uses <see cref="FromProcess"/>; tests build their own so they can capture output
/// and control the environment without touching the real one.
/// </summary>
internal sealed class ToolContext
{
    /// <summary>Gets the console for normal output (tables, JSON).</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Gets the console for errors, warnings and <c>--debug</c> traces, so JSON on stdout stays parseable.</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Gets the environment variables the tool may read.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Gets the user's home directory (where the native engine keeps its clusters by default).</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>Gets the clock used for timestamps and waits.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the delay between health and readiness polls; tests shorten it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the directory holding the files shipped with the tool (init.sql, docker-compose.yml).</summary>
    public string ToolDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>Gets a value indicating whether a person can answer a confirmation prompt.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Gets the value of an environment variable, or <see langword="null"/> when it is unset or empty.</summary>
    public string? GetVariable(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Creates the context of the running process.</summary>
    public static ToolContext FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        var output = AnsiConsole.Console;
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

        // Redirected output has no width of its own; honour COLUMNS like other command-line tools do.
        if (int.TryParse(System.Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 40)
        {
            if (Console.IsOutputRedirected)
            {
                output.Profile.Width = columns;
            }

            if (Console.IsErrorRedirected)
            {
                error.Profile.Width = columns;
            }
        }

        return new ToolContext
        {
            Out = output,
            Error = error,
            Environment = variables,
            HomeDirectory = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
            IsInteractive = !Console.IsInputRedirected && !Console.IsOutputRedirected,
        };
    }
}
