using Spectre.Console;

namespace SemanticCache.Samples.Cli.Tests;

/// <summary>Keyboard input typed in advance: each character is one key press, <c>\n</c> is Enter.</summary>
internal sealed class ScriptedInput : IAnsiConsoleInput
{
    private readonly Queue<char> _keys;

    public ScriptedInput(string keys)
    {
        _keys = new Queue<char>(keys);
    }

    public bool IsKeyAvailable() => _keys.Count > 0;

    public ConsoleKeyInfo? ReadKey(bool intercept)
    {
        if (!_keys.TryDequeue(out var key))
        {
            throw new InvalidOperationException("The script has no more keys: the prompt read more than the test typed.");
        }

        return key == '\n'
            ? new ConsoleKeyInfo('\r', ConsoleKey.Enter, shift: false, alt: false, control: false)
            : new ConsoleKeyInfo(key, ConsoleKey.A + (char.ToUpperInvariant(key) - 'A'), shift: false, alt: false, control: false);
    }

    public Task<ConsoleKeyInfo?> ReadKeyAsync(bool intercept, CancellationToken cancellationToken) => Task.FromResult(ReadKey(intercept));
}
