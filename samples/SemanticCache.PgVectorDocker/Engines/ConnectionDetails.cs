using System.Globalization;

namespace SemanticCache.PgVectorDocker;

/// <summary>How a client reaches the server; formats the Npgsql connection string the agent takes.</summary>
internal sealed class ConnectionDetails
{
    public required string Host { get; init; }

    public int Port { get; init; }

    public required string User { get; init; }

    public required string Password { get; init; }

    public required string Database { get; init; }

    public bool Running { get; init; }

    public string? State { get; init; }

    /// <summary>Formats an Npgsql connection string; the password is masked unless <paramref name="revealPassword"/> is set.</summary>
    public string ConnectionString(bool revealPassword) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Host={Host};Port={Port};Username={Quote(User)};Password={(revealPassword ? Quote(Password) : SecretText.Mask)};Database={Quote(Database)}");

    /// <summary>Formats a <c>postgresql://</c> URI (libpq, psql, most drivers).</summary>
    public string Uri(bool revealPassword) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"postgresql://{System.Uri.EscapeDataString(User)}:{(revealPassword ? System.Uri.EscapeDataString(Password) : SecretText.Mask)}@{Host}:{Port}/{System.Uri.EscapeDataString(Database)}");

    private static string Quote(string value) =>
        value.IndexOfAny([';', '=', '\'', '"', ' ']) >= 0 ? "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'" : value;
}
