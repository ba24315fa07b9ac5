namespace SemanticCache.ScyllaCloud;

/// <summary>Builds option descriptions that show where a value can come from, so <c>--help</c> documents precedence.</summary>
internal static class HelpText
{
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
