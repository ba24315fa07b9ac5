using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SemanticCache.PgVectorDocker;

/// <summary>
/// Writes results as text (Spectre tables, <c>✓</c>/<c>⚠</c> lines) or as JSON, problems and <c>--debug</c> traces to
/// standard error.
/// </summary>
internal sealed class ToolOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly ToolContext _context;

    public ToolOutput(ToolContext context, bool json, bool debug)
    {
        _context = context;
        IsJson = json;
        IsDebug = debug;
    }

    public bool IsJson { get; }

    public bool IsDebug { get; }

    /// <summary>Gets the console for progress bars and spinners: standard error in JSON mode, so stdout stays one document.</summary>
    public IAnsiConsole ProgressConsole => IsJson ? _context.Error : _context.Out;

    /// <summary>Gets the raw writer of standard output, for log lines that must not be wrapped or parsed as markup.</summary>
    public TextWriter RawOut => _context.Out.Profile.Out.Writer;

    /// <summary>Writes a success line; suppressed for JSON so stdout stays one JSON document.</summary>
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

    public void Debug(string text)
    {
        if (IsDebug)
        {
            _context.Error.MarkupLine($"[grey]debug:[/] {Markup.Escape(text)}");
        }
    }

    public void Write(IRenderable renderable) => _context.Out.Write(renderable);

    /// <summary>Writes JSON straight to the output writer: Spectre would wrap long lines at the console width.</summary>
    public void Json(JsonNode? node) => RawOut.WriteLine(node?.ToJsonString(Indented) ?? "null");

    public static Table KeyValueTable(IEnumerable<(string Key, string? Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Property").AddColumn("Value");
        foreach (var (key, value) in rows)
        {
            table.AddRow(new Text(key), new Text(value ?? "—"));
        }

        return table;
    }
}
