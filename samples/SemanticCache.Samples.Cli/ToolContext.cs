using System.Collections;
using Spectre.Console;

namespace SemanticCache.Samples.Cli;

/// <summary>
/// Everything a tool takes from its surroundings: consoles, environment variables, home directory, clock, the delays
/// it waits between attempts, and whether a person can answer a prompt. The process uses <see cref="FromProcess"/>;
/// tests build their own so they can capture output and control the environment without touching the real one.
/// </summary>
/// <remarks>Instances are immutable once built and safe to share between threads (the consoles are Spectre's own).</remarks>
public sealed class ToolContext
{
    /// <summary>Gets the console for normal output (tables, JSON).</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Gets the console for errors, warnings and <c>--debug</c> traces, so JSON on standard output stays parseable.</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Gets the environment variables the tool may read.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Gets the user's home directory (where tools keep their state by default).</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>Gets the directory holding the files shipped with the tool (scripts, compose files).</summary>
    /// <value>The default is <see cref="AppContext.BaseDirectory"/>.</value>
    public string ToolDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>Gets the clock used for timestamps, waits, polling and retry delays.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the delay between two polls of something that is not ready yet (a health check, a followed log); tests shorten it.</summary>
    /// <value>The default is one second.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the first delay between retries of a request that failed transiently; tests shorten it.</summary>
    /// <value>The default is one second.</value>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets a value indicating whether a person can answer a confirmation prompt.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool IsInteractive { get; init; }

    /// <summary>Gets the value of an environment variable, or <see langword="null"/> when it is unset, empty or only white space.</summary>
    /// <param name="name">The variable's name (case-sensitive).</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetVariable(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Creates the context of the running process: its consoles, environment variables and home directory.</summary>
    /// <returns>The process's context.</returns>
    /// <remarks>Redirected output has no width of its own, so <c>COLUMNS</c> (40 or more) sets it, as for other command-line tools.</remarks>
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
