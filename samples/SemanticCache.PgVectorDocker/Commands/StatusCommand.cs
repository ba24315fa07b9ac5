using System.CommandLine;
using System.Text.Json.Nodes;

namespace SemanticCache.PgVectorDocker;

/// <summary><c>status</c>: whether the server exists and runs, its health, ports, data and log locations.</summary>
internal static class StatusCommand
{
    /// <summary>Turns a display label ("Data directory") into a camelCase JSON key ("dataDirectory").</summary>
    internal static string JsonKey(string label)
    {
        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0 ? w.ToLowerInvariant() : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
    }

    public static Command Build(GlobalSettings globals, ToolContext context) =>
        EngineCommand.Create(globals, context, "status", "Show whether PostgreSQL exists and runs, its health, port and data location.", [], async (output, engine, _, cancellationToken) =>
        {
            var status = await engine.GetStatusAsync(cancellationToken);
            if (output.IsJson)
            {
                var details = new JsonObject();
                foreach (var (key, value) in status.Details)
                {
                    details[JsonKey(key)] = value;
                }

                output.Json(new JsonObject
                {
                    ["name"] = status.Name,
                    ["engine"] = status.Engine,
                    ["exists"] = status.Exists,
                    ["running"] = status.Running,
                    ["state"] = status.State,
                    ["health"] = status.Health,
                    ["details"] = details,
                });
                return 0;
            }

            output.Write(ToolOutput.KeyValueTable(
            [
                ("Name", status.Name),
                ("Engine", status.Engine),
                ("State", status.State),
                ("Health", status.Health),
                .. status.Details,
            ]));
            return 0;
        });
}
