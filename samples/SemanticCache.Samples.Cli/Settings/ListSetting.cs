using System.CommandLine;

namespace SemanticCache.Samples.Cli;

/// <summary>
/// A repeatable option (<c>--x a --x b</c> or <c>--x a b</c>) resolved with the tools' precedence: command line,
/// then a comma-separated environment variable, then the default list.
/// </summary>
public sealed class ListSetting : ToolSetting
{
    private readonly string[] _default;

    /// <summary>Initializes a new instance of the <see cref="ListSetting"/> class.</summary>
    /// <param name="name">The option's name, such as <c>--allowed-ips</c>.</param>
    /// <param name="description">What the option does; how to pass several values and its sources are appended for <c>--help</c>.</param>
    /// <param name="environmentVariable">The variable holding comma-separated values, or <see langword="null"/> for none.</param>
    /// <param name="defaultValue">The values when neither the command line nor the environment gives any.</param>
    public ListSetting(string name, string description, string? environmentVariable, string[] defaultValue)
        : base(environmentVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(defaultValue);
        _default = defaultValue;
        Option = new Option<string[]>(name)
        {
            Description = HelpText.Describe(
                description + " Repeat the option or separate values with spaces.",
                environmentVariable is null ? null : environmentVariable + " (comma-separated)",
                string.Join(", ", defaultValue)),
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
    }

    /// <summary>Gets the option to add to a command.</summary>
    public override Option<string[]> Option { get; }

    /// <summary>Resolves the values: command line, then the environment variable split at commas (blanks dropped), then default.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="context">The tool's surroundings, for the environment.</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> Resolve(ParseResult parseResult, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        var values = parseResult.GetValue(Option);
        if (values is { Length: > 0 })
        {
            return values;
        }

        if (ReadVariable(context) is { } text)
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return _default;
    }
}
