using System.CommandLine;
using System.Text.Json;

namespace SemanticCache.ScyllaCloud;

/// <summary><c>get-account-info</c>: the token's default account (its id is what <c>--account-id</c> takes).</summary>
internal static class GetAccountInfoCommand
{
    public static Command Build(GlobalSettings globals, ToolContext context)
    {
        return CommandRunner.CreateCommand("get-account-info", "Show the default account of the API token (GET /account/default).", context, [], async (parseResult, cancellationToken) =>
        {
            var output = globals.CreateOutput(parseResult, context);
            using var client = globals.CreateClient(parseResult, context);
            var data = await client.GetDefaultAccountRawAsync(cancellationToken);
            if (output.IsJson)
            {
                output.Json(data);
                return 0;
            }

            var rows = data.ValueKind == JsonValueKind.Object
                ? data.EnumerateObject()
                    .Where(p => p.Value.ValueKind is not JsonValueKind.Object and not JsonValueKind.Array)
                    .Select(p => (p.Name, JsonDisplay.Describe(p.Value)))
                : [];
            output.Write(ToolOutput.KeyValueTable(rows));
            return 0;
        });
    }
}
