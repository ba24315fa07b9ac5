namespace SemanticCache.Samples.Cli;

/// <summary>How the tools show a secret (a password or token): masked unless the user asked to see it.</summary>
public static class SecretText
{
    /// <summary>What is printed in place of a secret.</summary>
    public const string Mask = "********";

    /// <summary>Returns the text to print for a secret.</summary>
    /// <param name="secret">The secret, or <see langword="null"/> when there is none.</param>
    /// <param name="reveal">Whether the user asked to see it (such as <c>--show-password</c>).</param>
    /// <returns><see langword="null"/> when there is no secret, the secret when <paramref name="reveal"/> is set, otherwise <see cref="Mask"/>.</returns>
    public static string? Show(string? secret, bool reveal) => secret is null ? null : reveal ? secret : Mask;
}
