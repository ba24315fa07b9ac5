using System.Globalization;
using Spectre.Console;

namespace SemanticCache.Agent;

/// <summary>
/// Everything the agent prints, in the seed's style: <c>✓</c> for hits and success, <c>✗</c> for misses and failures.
/// Every text goes through the <see cref="SecretRedactor"/> and is escaped, so neither a secret nor markup in an answer
/// reaches the console.
/// </summary>
internal sealed class AgentReporter
{
    private readonly IAnsiConsole _console;
    private readonly SecretRedactor _redactor;

    public AgentReporter(IAnsiConsole console, SecretRedactor redactor)
    {
        _console = console;
        _redactor = redactor;
    }

    public void Success(string text) => Line("green", "✓", text);

    public void Failure(string text) => Line("red", "✗", text);

    public void Miss(string text) => Line("yellow", "✗", text);

    /// <summary>A failure the agent goes on after (the cache could not be used).</summary>
    /// <param name="text">What happened.</param>
    public void Warning(string text) => Line("yellow", "✗", text);

    public void Info(string text) => _console.MarkupLine($"[grey]{Safe(text)}[/]");

    public void Header(string text) => _console.MarkupLine($"[bold]{Safe(text)}[/]");

    /// <summary>Echoes the prompt being answered.</summary>
    /// <param name="prompt">The prompt.</param>
    public void Prompt(string prompt)
    {
        _console.WriteLine();
        _console.MarkupLine($"[bold cyan]>[/] {Safe(prompt)}");
    }

    /// <summary>Asks for the next prompt of the interactive mode (no line break).</summary>
    public void AskForInput()
    {
        _console.WriteLine();
        _console.Markup("[bold cyan]you>[/] ");
    }

    /// <summary>Prints an answer between two rules, like the seed.</summary>
    /// <param name="label">What answered.</param>
    /// <param name="text">The answer.</param>
    public void Answer(string label, string text)
    {
        BeginAnswer(label);
        _console.WriteLine(_redactor.Redact(text));
        EndAnswer();
    }

    public void BeginAnswer(string label)
    {
        _console.WriteLine();
        _console.Write(new Rule($"[bold]{Safe(label)}[/]") { Justification = Justify.Left });
    }

    /// <summary>Writes a piece of a streamed answer as it arrives.</summary>
    /// <param name="text">The piece.</param>
    public void AnswerPiece(string text) => _console.Write(new Text(_redactor.Redact(text)));

    public void EndAnswer() => _console.Write(new Rule());

    /// <summary>Runs work under a spinner (a plain line when the console is not interactive).</summary>
    /// <typeparam name="T">The work's result.</typeparam>
    /// <param name="text">What is happening.</param>
    /// <param name="work">The work.</param>
    /// <returns>The work's result.</returns>
    public Task<T> StatusAsync<T>(string text, Func<Task<T>> work)
    {
        if (!_console.Profile.Capabilities.Interactive)
        {
            Info(text);
            return work();
        }

        return _console.Status().Spinner(Spinner.Known.Dots).StartAsync(Safe(text), _ => work());
    }

    /// <summary>Runs work under a spinner whose text the work can change (for download progress).</summary>
    /// <typeparam name="T">The work's result.</typeparam>
    /// <param name="text">What is happening.</param>
    /// <param name="work">The work; it receives a callback that replaces the text.</param>
    /// <returns>The work's result.</returns>
    public Task<T> StatusAsync<T>(string text, Func<Action<string>, Task<T>> work)
    {
        if (!_console.Profile.Capabilities.Interactive)
        {
            Info(text);
            return work(Info);
        }

        return _console.Status().Spinner(Spinner.Known.Dots).StartAsync(Safe(text), context => work(update => context.Status(Safe(update))));
    }

    /// <summary>Prints a table of settings.</summary>
    /// <param name="title">The table's title.</param>
    /// <param name="rows">Name, value and source of each setting.</param>
    public void Table(string title, IEnumerable<(string Name, string Value, string Source)> rows)
    {
        var table = new Table { Title = new TableTitle(Safe(title)) }.AddColumns("Setting", "Value", "From");
        foreach (var (name, value, source) in rows)
        {
            table.AddRow(Safe(name), Safe(value), Safe(source));
        }

        _console.Write(table);
    }

    /// <summary>Prints the cache's numbers.</summary>
    /// <param name="statistics">The statistics.</param>
    public void Statistics(SemanticCacheStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var table = new Table { Title = new TableTitle("Semantic cache") }.AddColumns("Lookups", "Hits", "Misses", "Hit ratio", "L1 hits", "Store hits", "Written", "Mean lookup");
        table.AddRow(
            Number(statistics.Lookups),
            Number(statistics.Hits),
            Number(statistics.Count(SemanticCacheLookupResult.Miss)),
            statistics.HitRatio.ToString("P0", CultureInfo.InvariantCulture),
            Number(statistics.HitsByTier.GetValueOrDefault(SemanticCacheTier.L1)),
            Number(statistics.HitsByTier.GetValueOrDefault(SemanticCacheTier.Store)),
            Number(statistics.EntriesWritten),
            Milliseconds(statistics.MeanLookupDuration));
        _console.WriteLine();
        _console.Write(table);
    }

    public static string Milliseconds(TimeSpan duration) =>
        duration.TotalMilliseconds.ToString(duration.TotalMilliseconds < 10 ? "0.0" : "#,0", CultureInfo.InvariantCulture) + " ms";

    private static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private void Line(string color, string mark, string text) => _console.MarkupLine($"[{color}]{mark}[/] {Safe(text)}");

    private string Safe(string text) => Markup.Escape(_redactor.Redact(text));
}
