namespace SemanticCache.Agent;

/// <summary>Replaces every known secret in a text before it is printed, so no error message can leak one.</summary>
/// <remarks>
/// Values shorter than <see cref="MinimumLength"/> are not masked: they would match ordinary words and mangle every
/// line (a one-letter test key masks the "x" of "exit"), and no real API key or password is that short.
/// </remarks>
internal sealed class SecretRedactor
{
    public const int MinimumLength = 4;
    private const string Mask = "***";
    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        _secrets = [.. secrets.Where(s => s.Length >= MinimumLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
