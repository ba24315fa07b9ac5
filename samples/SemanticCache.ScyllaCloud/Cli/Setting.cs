using System.CommandLine;
using System.Globalization;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// A typed option resolved with the tool's precedence: command line, then environment variable, then default.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class Setting<T>
    where T : struct, IParsable<T>
{
    private readonly T _default;

    public Setting(string name, string description, string? environmentVariable, T defaultValue, string? defaultText = null)
    {
        EnvironmentVariable = environmentVariable;
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

    public Option<T?> Option { get; }

    public string? EnvironmentVariable { get; }

    public T Resolve(ParseResult parseResult, ToolContext context)
    {
        var fromCommandLine = parseResult.GetValue(Option);
        if (fromCommandLine is { } value)
        {
            return value;
        }

        if (EnvironmentVariable is not null && context.GetVariable(EnvironmentVariable) is { } text)
        {
            if (typeof(T) == typeof(bool))
            {
                return (T)(object)ParseBoolean(EnvironmentVariable, text);
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
