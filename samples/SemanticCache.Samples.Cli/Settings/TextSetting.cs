using System.CommandLine;

namespace SemanticCache.Samples.Cli;

/// <summary>
/// A text option resolved with the tools' precedence: command line, then environment variable, then default.
/// When allowed values are given, both sources are checked against them (case-insensitively) and the canonical
/// spelling is returned. A secret setting (a password, a token) never shows its default in <c>--help</c>.
/// </summary>
public sealed class TextSetting : ToolSetting
{
    private readonly string? _default;
    private readonly string[] _allowed;

    /// <summary>Initializes a new instance of the <see cref="TextSetting"/> class.</summary>
    /// <param name="name">The option's name, such as <c>--user</c>.</param>
    /// <param name="description">What the option does; its sources are appended for <c>--help</c>.</param>
    /// <param name="environmentVariable">The variable the value may come from, or <see langword="null"/> for none.</param>
    /// <param name="defaultValue">The value when neither the command line nor the environment gives one; <see langword="null"/> for none.</param>
    /// <param name="defaultText">What <c>--help</c> shows as the default, such as a path with <c>~</c> or "looked up".</param>
    /// <param name="allowed">The only values accepted (compared case-insensitively); <see langword="null"/> or empty for any text.</param>
    /// <param name="isSecret">Whether the value is a secret: <c>--help</c> shows <see cref="HelpText.HiddenDefault"/> instead of the default.</param>
    public TextSetting(
        string name,
        string description,
        string? environmentVariable,
        string? defaultValue,
        string? defaultText = null,
        string[]? allowed = null,
        bool isSecret = false)
        : base(environmentVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        _default = defaultValue;
        _allowed = allowed ?? [];
        IsSecret = isSecret;
        var shownDefault = defaultText ?? (isSecret && defaultValue is not null ? HelpText.HiddenDefault : defaultValue);
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

    /// <summary>Gets the option to add to a command.</summary>
    public override Option<string?> Option { get; }

    /// <summary>Gets a value indicating whether the value is a secret that is never printed.</summary>
    public bool IsSecret { get; }

    /// <summary>Resolves the value: command line, then environment variable, then default.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="context">The tool's surroundings, for the environment.</param>
    /// <returns>The value (canonically spelled when allowed values are set), or <see langword="null"/> when there is none.</returns>
    /// <exception cref="ToolException">The environment variable holds a value that is not allowed; the message names the variable.</exception>
    public string? Resolve(ParseResult parseResult, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        var value = parseResult.GetValue(Option);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return _allowed.Length > 0 ? Canonical(value) : value;
        }

        if (ReadVariable(context) is { } text)
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

    /// <summary>Resolves the value and fails when there is none.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="context">The tool's surroundings, for the environment.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ToolException">No source gives a value; the message says how to pass one.</exception>
    public string ResolveRequired(ParseResult parseResult, ToolContext context)
    {
        var value = Resolve(parseResult, context);
        if (string.IsNullOrWhiteSpace(value))
        {
            var hint = EnvironmentVariable is null ? string.Empty : $" or set {EnvironmentVariable}";
            throw new ToolException($"{Name} is required: pass {Name}{hint}.");
        }

        return value;
    }

    /// <summary>Returns the text to print for a value of this setting: <see cref="SecretText.Mask"/> when it is a secret.</summary>
    /// <param name="value">The resolved value.</param>
    /// <returns>The value, masked when the setting is a secret; <see langword="null"/> when there is no value.</returns>
    public string? ForDisplay(string? value) => SecretText.Show(value, reveal: !IsSecret);

    private string? Canonical(string value) =>
        Array.Find(_allowed, a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
}
