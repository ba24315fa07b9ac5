namespace SemanticCache.Samples.Cli;

/// <summary>Builds option descriptions that show where a value can come from, so <c>--help</c> documents the precedence.</summary>
public static class HelpText
{
    /// <summary>The sentence every tool's root command ends with: how a value is chosen.</summary>
    public const string Precedence =
        "Every option can also come from its environment variable; the command line wins, then the environment, then the default.";

    /// <summary>What <c>--help</c> shows instead of a secret default value.</summary>
    public const string HiddenDefault = "(hidden)";

    /// <summary>Appends <c>[env: VARIABLE]</c> and <c>[default: value]</c> to a description.</summary>
    /// <param name="description">What the option does.</param>
    /// <param name="environmentVariable">The variable the value may come from, or <see langword="null"/> for none.</param>
    /// <param name="defaultValue">The default as shown to the user, or <see langword="null"/> or empty for none.</param>
    /// <returns>The description with its sources, such as <c>Count. [env: TEST_COUNT] [default: 3]</c>.</returns>
    public static string Describe(string description, string? environmentVariable, string? defaultValue)
    {
        var text = description;
        if (environmentVariable is not null)
        {
            text += $" [env: {environmentVariable}]";
        }

        if (!string.IsNullOrEmpty(defaultValue))
        {
            text += $" [default: {defaultValue}]";
        }

        return text;
    }
}
