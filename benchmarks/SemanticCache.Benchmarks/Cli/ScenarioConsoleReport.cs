using System.Globalization;
using Spectre.Console;

namespace SemanticCache.Benchmarks;

/// <summary>Prints a <see cref="ScenarioReport"/>: the side-by-side table across backends, the variant similarities and the memory.</summary>
public static class ScenarioConsoleReport
{
    public static void Write(IAnsiConsole console, ScenarioReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var measured = report.Backends.Where(b => b.Results.Count > 0).ToArray();
        WriteSimilarities(console, report, measured);
        WriteComparison(console, report, measured);
        WriteMemory(console, report);
        foreach (var backend in report.Backends.Where(b => b.Status != BackendStatus.Measured))
        {
            console.MarkupLineInterpolated($"[yellow]{backend.Backend}: {backend.Status.ToString().ToLowerInvariant()}, {backend.Message}[/]");
        }

        foreach (var failed in measured.SelectMany(b => b.Results.Where(r => r.FirstError is not null).Select(r => (b.Backend, r))))
        {
            console.MarkupLineInterpolated($"[red]{failed.Backend} {failed.r.Scenario}: {failed.r.Failures} failures, first: {failed.r.FirstError}[/]");
        }
    }

    public static string Milliseconds(double value) => value switch
    {
        < 1 => value.ToString("0.000", CultureInfo.InvariantCulture),
        < 100 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.0", CultureInfo.InvariantCulture),
    };

    private static void WriteComparison(IAnsiConsole console, ScenarioReport report, BackendReport[] measured)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Scenarios side by side (latency in ms)[/]");
        table.AddColumn("Scenario");
        table.AddColumn("Backend");
        foreach (var header in new[] { "Ops", "OK", "Failed", "Hit rate", "p50", "p95", "p99", "max", "mean", "QPS" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        var keys = measured.SelectMany(b => b.Results.Select(r => (r.Scenario, r.Concurrency))).Distinct().ToArray();
        foreach (var (scenario, concurrency) in keys)
        {
            var name = concurrency > 1 || ScenarioNames.Concurrent.Contains(scenario)
                ? string.Create(CultureInfo.InvariantCulture, $"{scenario} ×{concurrency}")
                : scenario;
            var first = true;
            foreach (var backend in measured)
            {
                var r = backend.Results.FirstOrDefault(x => x.Scenario == scenario && x.Concurrency == concurrency);
                if (r is null)
                {
                    continue;
                }

                var l = r.Latency;
                table.AddRow(
                    first ? Markup.Escape(name) : string.Empty,
                    Markup.Escape(backend.Backend),
                    r.Operations.ToString(CultureInfo.InvariantCulture),
                    r.Successes.ToString(CultureInfo.InvariantCulture),
                    r.Failures == 0 ? "0" : $"[red]{r.Failures}[/]",
                    r.HitRate.ToString("0%", CultureInfo.InvariantCulture),
                    Milliseconds(l.P50),
                    Milliseconds(l.P95),
                    Milliseconds(l.P99),
                    Milliseconds(l.Max),
                    Milliseconds(l.Mean),
                    r.OperationsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
                first = false;
            }
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"[grey]Misses are answered by a simulated model after --llm-latency {report.LlmLatencyMilliseconds:0.###} ms, so these numbers are the cache's own costs. Threshold {report.SimilarityThreshold:0.###}; {report.EmbeddingModel}.[/]");
    }

    private static void WriteSimilarities(IAnsiConsole console, ScenarioReport report, BackendReport[] measured)
    {
        var source = measured.FirstOrDefault(b => b.SimilarityPairs.Count > 0);
        if (source is null)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .Title($"[bold]Semantic similarity: variants against their cached base prompts ({Markup.Escape(source.Backend)}, threshold {report.SimilarityThreshold.ToString("0.###", CultureInfo.InvariantCulture)})[/]");
        table.AddColumn(new TableColumn("Similarity").RightAligned());
        table.AddColumn("Served");
        table.AddColumn("Base prompt");
        table.AddColumn("Variant");
        foreach (var pair in source.SimilarityPairs.OrderByDescending(p => p.Similarity))
        {
            var served = pair switch
            {
                { ServedFromBase: true } => "[green]base[/]",
                { Hit: true } => "[red]other entry[/]",
                _ => "[grey]miss[/]",
            };
            table.AddRow(pair.Similarity.ToString("0.000", CultureInfo.InvariantCulture), served, Markup.Escape(Shorten(pair.BasePrompt)), Markup.Escape(Shorten(pair.Variant)));
        }

        console.Write(table);
        foreach (var backend in measured.Where(b => b.SimilarityPairs.Count > 0))
        {
            var pairs = backend.SimilarityPairs;
            console.MarkupLineInterpolated(
                $"{backend.Backend}: {pairs.Count(p => p.ServedFromBase)} of {pairs.Count} variants served from their base ({(double)pairs.Count(p => p.ServedFromBase) / pairs.Count:0%}), {pairs.Count(p => p.Hit && !p.ServedFromBase)} from another entry; mean similarity to the base {pairs.Average(p => p.Similarity):0.000}.");
        }
    }

    private static void WriteMemory(IAnsiConsole console, ScenarioReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Process memory per backend (after a full GC)[/]");
        table.AddColumn("Backend");
        table.AddColumn("Store");
        table.AddColumn(new TableColumn("Working set before").RightAligned());
        table.AddColumn(new TableColumn("after").RightAligned());
        table.AddColumn(new TableColumn("Managed heap before").RightAligned());
        table.AddColumn(new TableColumn("after").RightAligned());
        table.AddColumn("Lookups by result");
        foreach (var backend in report.Backends)
        {
            table.AddRow(
                Markup.Escape(backend.Backend),
                Markup.Escape(backend.Description ?? backend.Message ?? string.Empty),
                Megabytes(backend.MemoryBefore?.WorkingSetBytes),
                Megabytes(backend.MemoryAfter?.WorkingSetBytes),
                Megabytes(backend.MemoryBefore?.ManagedHeapBytes),
                Megabytes(backend.MemoryAfter?.ManagedHeapBytes),
                Markup.Escape(string.Join(", ", backend.LookupResults.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")))
                    + (backend.WriteFailures > 0 ? string.Create(CultureInfo.InvariantCulture, $"; write failures {backend.WriteFailures}") : string.Empty)));
        }

        console.Write(table);
    }

    private static string Megabytes(long? bytes) =>
        bytes is { } b ? (b / 1024.0 / 1024.0).ToString("0.0 'MB'", CultureInfo.InvariantCulture) : "-";

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
