using System.CommandLine;

namespace SemanticCache.Samples.Cli;

/// <summary>
/// An option whose value is resolved with the tools' precedence: the command line, then its environment variable,
/// then the default. The derived types are <see cref="Setting{T}"/> (numbers, flags), <see cref="TextSetting"/> and
/// <see cref="ListSetting"/>; their <c>--help</c> text names the variable and the default.
/// </summary>
/// <remarks>
/// A setting is built once with its command tree and may then resolve any number of parse results, from any thread:
/// it holds no state of its own beyond the option.
/// </remarks>
public abstract class ToolSetting
{
    private protected ToolSetting(string? environmentVariable)
    {
        EnvironmentVariable = environmentVariable;
    }

    /// <summary>Gets the option to add to a command.</summary>
    public abstract Option Option { get; }

    /// <summary>Gets the environment variable the value may come from, or <see langword="null"/> for none.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>Gets the option's name, such as <c>--port</c>.</summary>
    public string Name => Option.Name;

    /// <summary>Gets a value indicating whether the value came from the command line or the environment rather than the default.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="context">The tool's surroundings, for the environment.</param>
    /// <returns><see langword="true"/> when the user chose the value.</returns>
    public bool IsSpecified(ParseResult parseResult, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        return parseResult.GetResult(Option) is { Implicit: false } || ReadVariable(context) is not null;
    }

    /// <summary>Reads the environment variable, or returns <see langword="null"/> when there is none or it is unset or blank.</summary>
    /// <param name="context">The tool's surroundings.</param>
    /// <returns>The variable's value, or <see langword="null"/>.</returns>
    private protected string? ReadVariable(ToolContext context) =>
        EnvironmentVariable is null ? null : context.GetVariable(EnvironmentVariable);
}
