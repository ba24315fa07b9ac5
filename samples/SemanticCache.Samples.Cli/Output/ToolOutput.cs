using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SemanticCache.Samples.Cli;

/// <summary>
/// Writes a command's results as text (Spectre tables, <c>✓</c> lines) or as one JSON document, and problems,
/// warnings and <c>--debug</c> traces to standard error, so that standard output stays parseable in JSON mode.
/// </summary>
/// <remarks>One instance serves one command run; like the consoles it writes to, it is not meant for concurrent writers.</remarks>
public sealed class ToolOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly ToolContext _context;

    /// <summary>Initializes a new instance of the <see cref="ToolOutput"/> class.</summary>
    /// <param name="context">The tool's surroundings: the consoles written to.</param>
    /// <param name="json">Whether results are written as JSON (<c>--output json</c>).</param>
    /// <param name="debug">Whether <see cref="Debug"/> lines are written (<c>--debug</c>).</param>
    public ToolOutput(ToolContext context, bool json, bool debug = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        IsJson = json;
        IsDebug = debug;
    }

    /// <summary>Gets a value indicating whether results are written as JSON.</summary>
    public bool IsJson { get; }

    /// <summary>Gets a value indicating whether <see cref="Debug"/> lines are written.</summary>
    public bool IsDebug { get; }

    /// <summary>Gets the console for progress bars and spinners: standard error in JSON mode, so standard output stays one document.</summary>
    public IAnsiConsole ProgressConsole => IsJson ? _context.Error : _context.Out;

    /// <summary>Gets the raw writer of standard output, for lines that must not be wrapped or read as markup (logs, JSON).</summary>
    public TextWriter RawOut => _context.Out.Profile.Out.Writer;

    /// <summary>Writes a success line, <c>✓ text</c>; suppressed in JSON mode so standard output stays one JSON document.</summary>
    /// <param name="text">Plain text (not markup).</param>
    public void Step(string text)
    {
        if (!IsJson)
        {
            _context.Out.MarkupLine($"[green]✓[/] {Markup.Escape(text)}");
        }
    }

    /// <summary>Writes a plain line unwrapped, so commands and connection strings stay copy-pasteable; suppressed in JSON mode.</summary>
    /// <param name="text">Plain text (not markup).</param>
    public void Note(string text)
    {
        if (!IsJson)
        {
            RawOut.WriteLine(text);
        }
    }

    /// <summary>Writes <c>⚠ text</c> to standard error.</summary>
    /// <param name="text">Plain text (not markup).</param>
    public void Warning(string text) => _context.Error.MarkupLine($"[yellow]⚠[/] {Markup.Escape(text)}");

    /// <summary>Writes <c>✗ text</c> to standard error.</summary>
    /// <param name="text">Plain text (not markup).</param>
    public void Failure(string text) => _context.Error.MarkupLine($"[red]✗[/] {Markup.Escape(text)}");

    /// <summary>Writes <c>debug: text</c> to standard error when <see cref="IsDebug"/> is set. Mask secrets before calling it.</summary>
    /// <param name="text">Plain text (not markup).</param>
    public void Debug(string text)
    {
        if (IsDebug)
        {
            _context.Error.MarkupLine($"[grey]debug:[/] {Markup.Escape(text)}");
        }
    }

    /// <summary>Writes a table or other Spectre renderable to standard output.</summary>
    /// <param name="renderable">What to write.</param>
    public void Write(IRenderable renderable) => _context.Out.Write(renderable);

    /// <summary>Writes indented JSON straight to the output writer: Spectre would wrap long lines at the console width.</summary>
    /// <param name="node">The document; <see langword="null"/> writes <c>null</c>.</param>
    public void Json(JsonNode? node) => RawOut.WriteLine(node?.ToJsonString(Indented) ?? "null");

    /// <summary>Writes a JSON element (such as an API's answer) indented to the output writer.</summary>
    /// <param name="element">The element; an undefined element writes <c>null</c>.</param>
    public void Json(JsonElement element) => Json(JsonNode.Parse(element.ValueKind == JsonValueKind.Undefined ? "null" : element.GetRawText()));

    /// <summary>
    /// Asks the user to confirm a destructive action unless <paramref name="force"/> is set. Without a person to
    /// answer it fails, so scripts must pass <c>--force</c>; a "no" writes "Cancelled; nothing was changed.".
    /// </summary>
    /// <param name="action">The verb, for the refusal message (such as <c>destroy</c>).</param>
    /// <param name="subject">What the action applies to, for the refusal message (such as a name).</param>
    /// <param name="question">The question asked, as Spectre markup (escape user-supplied parts).</param>
    /// <param name="force">Whether the user passed <c>--force</c>.</param>
    /// <param name="cancellationToken">Cancels the prompt.</param>
    /// <returns><see langword="true"/> to go ahead; <see langword="false"/> when the user said no.</returns>
    /// <exception cref="ToolException">Not forced and <see cref="ToolContext.IsInteractive"/> is not set.</exception>
    public async Task<bool> ConfirmAsync(string action, string subject, string question, bool force, CancellationToken cancellationToken = default)
    {
        if (force)
        {
            return true;
        }

        if (!_context.IsInteractive)
        {
            throw new ToolException($"Refusing to {action} '{subject}' without confirmation: pass --force.");
        }

        if (await _context.Out.ConfirmAsync(question, defaultValue: false, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        Note("Cancelled; nothing was changed.");
        return false;
    }

    /// <summary>Builds a two-column Property/Value table; a <see langword="null"/> value shows as <c>—</c>.</summary>
    /// <param name="rows">The rows, in order.</param>
    /// <returns>The table.</returns>
    public static Table KeyValueTable(IEnumerable<(string Key, string? Value)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Property").AddColumn("Value");
        foreach (var (key, value) in rows)
        {
            table.AddRow(new Text(key), new Text(value ?? "—"));
        }

        return table;
    }

    /// <summary>Builds a table whose first column (names, ids) never wraps; a <see langword="null"/> cell shows as <c>—</c>.</summary>
    /// <param name="columns">The column headers.</param>
    /// <param name="rows">The rows, one cell per column.</param>
    /// <returns>The table.</returns>
    public static Table Table(string[] columns, IEnumerable<string?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
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
}
