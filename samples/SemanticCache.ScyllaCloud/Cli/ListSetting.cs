using System.CommandLine;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// A repeatable option (<c>--x a --x b</c> or <c>--x a b</c>) resolved with the tool's precedence: command line,
/// then a comma-separated environment variable, then the default list.
/// </summary>
internal sealed class ListSetting
{
    private readonly string[] _default;

    public ListSetting(string name, string description, string? environmentVariable, string[] defaultValue)
    {
        EnvironmentVariable = environmentVariable;
        _default = defaultValue;
        Option = new Option<string[]>(name)
        {
            Description = HelpText.Describe(description + " Repeat the option or separate values with spaces.", environmentVariable is null ? null : environmentVariable + " (comma-separated)", string.Join(", ", defaultValue)),
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
    }

    public Option<string[]> Option { get; }

    public string? EnvironmentVariable { get; }

    public IReadOnlyList<string> Resolve(ParseResult parseResult, ToolContext context)
    {
        var values = parseResult.GetValue(Option);
        if (values is { Length: > 0 })
        {
            return values;
        }

        if (EnvironmentVariable is not null && context.GetVariable(EnvironmentVariable) is { } text)
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return _default;
    }
}
