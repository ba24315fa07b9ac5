using System.CommandLine;
using System.Globalization;

namespace SemanticCache.Samples.Cli;

/// <summary>
/// A typed option (a number or a flag) resolved with the tools' precedence: command line, then environment variable,
/// then default. Environment values are parsed with the invariant culture; flags also accept 1/0, yes/no and on/off.
/// </summary>
/// <typeparam name="T">The value type, such as <see cref="int"/>, <see cref="double"/> or <see cref="bool"/>.</typeparam>
/// <remarks>A <see cref="bool"/> setting is a flag: <c>--flag</c> alone means true, and <c>--flag false</c> overrides a variable that says true.</remarks>
public sealed class Setting<T> : ToolSetting
    where T : struct, IParsable<T>
{
    private readonly T _default;

    /// <summary>Initializes a new instance of the <see cref="Setting{T}"/> class.</summary>
    /// <param name="name">The option's name, such as <c>--port</c>.</param>
    /// <param name="description">What the option does; its sources are appended for <c>--help</c>.</param>
    /// <param name="environmentVariable">The variable the value may come from, or <see langword="null"/> for none.</param>
    /// <param name="defaultValue">The value when neither the command line nor the environment gives one.</param>
    /// <param name="defaultText">What <c>--help</c> shows as the default, when the value itself would mislead (such as 0 for "look it up").</param>
    public Setting(string name, string description, string? environmentVariable, T defaultValue, string? defaultText = null)
        : base(environmentVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        _default = defaultValue;
        Option = new Option<T?>(name)
        {
            Description = HelpText.Describe(description, environmentVariable, defaultText ?? FormatDefault(defaultValue)),
        };
        if (typeof(T) == typeof(bool))
        {
            // "--flag" alone means true; "--flag false" is still accepted so a command line can override the environment.
            Option.Arity = ArgumentArity.ZeroOrOne;
        }
    }

    /// <summary>Gets the option to add to a command.</summary>
    public override Option<T?> Option { get; }

    /// <summary>Resolves the value: command line, then environment variable, then default.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="context">The tool's surroundings, for the environment.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ToolException">The environment variable holds no valid value; the message names the variable.</exception>
    public T Resolve(ParseResult parseResult, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        if (parseResult.GetValue(Option) is { } value)
        {
            return value;
        }

        if (ReadVariable(context) is { } text)
        {
            if (typeof(T) == typeof(bool))
            {
                return (T)(object)ParseBoolean(EnvironmentVariable!, text);
            }

            if (T.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            throw new ToolException($"Environment variable {EnvironmentVariable}='{text}' is not a valid {typeof(T).Name} value.");
        }

        return _default;
    }

    private static bool ParseBoolean(string variable, string text) => text.Trim().ToUpperInvariant() switch
    {
        "1" or "TRUE" or "YES" or "ON" => true,
        "0" or "FALSE" or "NO" or "OFF" => false,
        _ => throw new ToolException($"Environment variable {variable}='{text}' is not a boolean (use true/false)."),
    };

    private static string FormatDefault(T value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
