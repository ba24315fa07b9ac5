using System.CommandLine;

namespace SemanticCache.PgVectorDocker;

/// <summary>
/// A text option resolved with the tool's precedence: command line, then environment variable, then default.
/// When <c>allowed</c> values are given, both sources are checked against them (case-insensitively) and the
/// canonical spelling is returned.
/// </summary>
internal sealed class TextSetting
{
    private readonly string? _default;
    private readonly string[] _allowed;

    public TextSetting(
        string name,
        string description,
        string? environmentVariable,
        string? defaultValue,
        string? defaultText = null,
        string[]? allowed = null,
        bool isSecret = false)
    {
        EnvironmentVariable = environmentVariable;
        _default = defaultValue;
        _allowed = allowed ?? [];
        var shownDefault = defaultText ?? (isSecret && defaultValue is not null ? "(hidden)" : defaultValue);
        Option = new Option<string?>(name)
        {
            Description = HelpText.Describe(description, environmentVariable, shownDefault),
        };
        if (_allowed.Length > 0)
        {
            Option.HelpName = string.Join('|', _allowed);
            Option.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string?>();
                if (value is not null && Canonical(value) is null)
                {
                    result.AddError($"'{value}' is not a valid value for {name}; use one of: {string.Join(", ", _allowed)}.");
                }
            });
        }
    }

    public Option<string?> Option { get; }

    public string? EnvironmentVariable { get; }

    public string? Resolve(ParseResult parseResult, ToolContext context)
    {
        var value = parseResult.GetValue(Option);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return _allowed.Length > 0 ? Canonical(value) : value;
        }

        if (EnvironmentVariable is not null && context.GetVariable(EnvironmentVariable) is { } text)
        {
            if (_allowed.Length == 0)
            {
                return text;
            }

            return Canonical(text)
                ?? throw new ToolException($"Environment variable {EnvironmentVariable}='{text}' is not one of: {string.Join(", ", _allowed)}.");
        }

        return _default;
    }

    public string ResolveRequired(ParseResult parseResult, ToolContext context)
    {
        var value = Resolve(parseResult, context);
        if (string.IsNullOrWhiteSpace(value))
        {
            var hint = EnvironmentVariable is null ? string.Empty : $" or set {EnvironmentVariable}";
            throw new ToolException($"{Option.Name} is required: pass {Option.Name}{hint}.");
        }

        return value;
    }

    private string? Canonical(string value) =>
        Array.Find(_allowed, a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
}
