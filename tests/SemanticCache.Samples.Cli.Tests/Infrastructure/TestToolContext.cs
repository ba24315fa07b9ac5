using SemanticCache.Samples.Cli;

namespace SemanticCache.Samples.Testing;

/// <summary>A context whose consoles discard everything: for building command trees and resolving settings in tests.</summary>
internal static class TestToolContext
{
    public static ToolContext Create(IReadOnlyDictionary<string, string>? environment = null) => new()
    {
        Out = ToolConsole.CreatePlain(TextWriter.Null, ToolHarnessBase.ConsoleWidth),
        Error = ToolConsole.CreatePlain(TextWriter.Null, ToolHarnessBase.ConsoleWidth),
        Environment = environment ?? new Dictionary<string, string>(),
        HomeDirectory = Path.GetTempPath(),
    };
}
