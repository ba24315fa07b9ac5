using Spectre.Console;

namespace SemanticCache.Samples.Cli;

/// <summary>Creates consoles for a <see cref="ToolContext"/> that is not the process's own.</summary>
public static class ToolConsole
{
    /// <summary>
    /// Creates a console that writes plain text to <paramref name="writer"/>: no colours, no ANSI codes, no prompts, and
    /// a fixed width so tables lay out the same everywhere. For captured output, such as tests or a log file.
    /// </summary>
    /// <param name="writer">Where the text goes.</param>
    /// <param name="width">The width, in columns, tables and wrapped lines are laid out for.</param>
    /// <returns>The console.</returns>
    public static IAnsiConsole CreatePlain(TextWriter writer, int width)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }
}
