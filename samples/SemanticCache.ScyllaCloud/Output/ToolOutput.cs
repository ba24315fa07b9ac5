using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SemanticCache.ScyllaCloud;

/// <summary>Writes results as text (Spectre tables, <c>✓</c>/<c>✗</c> lines) or as JSON, and problems to standard error.</summary>
internal sealed class ToolOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly ToolContext _context;

    public ToolOutput(ToolContext context, bool json)
    {
        _context = context;
        IsJson = json;
    }

    public bool IsJson { get; }

    public IAnsiConsole Console => _context.Out;

    /// <summary>Gets the console for progress bars and spinners: standard error in JSON mode, so stdout stays one document.</summary>
    public IAnsiConsole ProgressConsole => IsJson ? _context.Error : _context.Out;

    /// <summary>Writes a progress line; suppressed for JSON so stdout stays one JSON document.</summary>
    public void Step(string text)
    {
        if (!IsJson)
        {
            _context.Out.MarkupLine($"[green]✓[/] {Markup.Escape(text)}");
        }
    }

    /// <summary>Writes a plain line unwrapped, so commands and connection strings stay copy-pasteable.</summary>
    public void Note(string text)
    {
        if (!IsJson)
        {
            _context.Out.Profile.Out.Writer.WriteLine(text);
        }
    }

    public void Warning(string text) => _context.Error.MarkupLine($"[yellow]⚠[/] {Markup.Escape(text)}");

    public void Failure(string text) => _context.Error.MarkupLine($"[red]✗[/] {Markup.Escape(text)}");

    public void Write(IRenderable renderable) => _context.Out.Write(renderable);

    /// <summary>Writes JSON straight to the output writer: Spectre would wrap long lines at the console width.</summary>
    public void Json(JsonNode? node) => _context.Out.Profile.Out.Writer.WriteLine(node?.ToJsonString(Indented) ?? "null");

    public void Json(JsonElement element) => Json(JsonNode.Parse(element.ValueKind == JsonValueKind.Undefined ? "null" : element.GetRawText()));

    public static Table KeyValueTable(IEnumerable<(string Key, string? Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Property").AddColumn("Value");
        foreach (var (key, value) in rows)
        {
            table.AddRow(new Text(key), new Text(value ?? "—"));
        }

        return table;
    }

    public static Table Table(string[] columns, IEnumerable<string?[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < columns.Length; i++)
        {
            // Names and ids are worth more unbroken than the free text beside them.
            table.AddColumn(i == 0 ? new TableColumn(columns[i]).NoWrap() : new TableColumn(columns[i]));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? "—")).ToArray());
        }

        return table;
    }

    /// <summary>Turns a loosely typed API value (string, number, or an object with a name) into display text.</summary>
    public static string? Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Object => FirstString(element, "externalId", "name", "version", "fullName", "id"),
        JsonValueKind.Array => string.Join(", ", element.EnumerateArray().Select(Describe)),
        _ => null,
    };

    public static string? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Describe(property.Value);
            }
        }

        return null;
    }

    private static string? FirstString(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (Property(element, name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }
}
