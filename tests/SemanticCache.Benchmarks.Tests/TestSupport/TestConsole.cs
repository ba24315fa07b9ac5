using Spectre.Console;

namespace SemanticCache.Benchmarks.Tests;

/// <summary>A non-interactive Spectre console that records plain text.</summary>
internal sealed class TestConsole : IDisposable
{
    private readonly StringWriter _writer = new();

    public TestConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 240;
    }

    public IAnsiConsole Console { get; }

    public string Output => _writer.ToString();

    public void Dispose() => _writer.Dispose();
}
