using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SemanticCache.PgVectorDocker;

/// <summary><c>info</c>: the connection details and a connection string the agent accepts.</summary>
internal static class InfoCommand
{
    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        var showPassword = new Setting<bool>("--show-password", "Print the password in the connection details instead of masking it.", "PGVECTOR_SHOW_PASSWORD", false);
        return EngineCommand.Create(globals, context, "info", "Show connection details and a connection string for the agent (password masked unless --show-password).", [showPassword], async (output, engine, parseResult, cancellationToken) =>
        {
            var connection = await engine.GetConnectionAsync(cancellationToken);
            if (!connection.Running)
            {
                output.Warning($"The server is not running ({connection.State}); 'start' starts it.");
            }

            Write(output, connection, showPassword.Resolve(parseResult, context));
            return 0;
        });
    }

    public static void Write(ToolOutput output, ConnectionDetails connection, bool revealPassword)
    {
        if (output.IsJson)
        {
            output.Json(new JsonObject
            {
                ["host"] = connection.Host,
                ["port"] = connection.Port,
                ["user"] = connection.User,
                ["password"] = SecretText.Show(connection.Password, revealPassword),
                ["database"] = connection.Database,
                ["running"] = connection.Running,
                ["connectionString"] = connection.ConnectionString(revealPassword),
                ["uri"] = connection.Uri(revealPassword),
            });
            return;
        }

        output.Write(ToolOutput.KeyValueTable(
        [
            ("Host", connection.Host),
            ("Port", connection.Port.ToString(CultureInfo.InvariantCulture)),
            ("User", connection.User),
            ("Password", SecretText.Show(connection.Password, revealPassword)),
            ("Database", connection.Database),
            ("Connection string", connection.ConnectionString(revealPassword)),
            ("URI", connection.Uri(revealPassword)),
        ]));
        output.Note($"Agent: --with-cache pgvector --postgres-connection-string \"{connection.ConnectionString(revealPassword)}\"");
    }
}
