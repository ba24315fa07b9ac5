using Spectre.Console;
using Spectre.Console.Rendering;

namespace SemanticCache.Samples.Cli.Tests;

/// <summary>An interactive console that writes plain text to a writer and reads its keys from a script, so prompts can be answered.</summary>
internal sealed class ScriptedConsole : IAnsiConsole
{
    private readonly IAnsiConsole _inner;

    public ScriptedConsole(TextWriter writer, string keys)
    {
        _inner = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        Input = new ScriptedInput(keys);
    }

    public Profile Profile => _inner.Profile;

    public IAnsiConsoleCursor Cursor => _inner.Cursor;

    public IAnsiConsoleInput Input { get; }

    public IExclusivityMode ExclusivityMode => _inner.ExclusivityMode;

    public RenderPipeline Pipeline => _inner.Pipeline;

    public void Clear(bool home) => _inner.Clear(home);

    public void Write(IRenderable renderable) => _inner.Write(renderable);

    public void WriteAnsi(Action<AnsiWriter> action) => _inner.WriteAnsi(action);
}
