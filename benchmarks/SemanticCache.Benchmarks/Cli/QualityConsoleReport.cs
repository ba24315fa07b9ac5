using System.Globalization;
using Spectre.Console;

namespace SemanticCache.Benchmarks;

/// <summary>Prints a <see cref="QualityReport"/>: precision, recall and hit ratios per threshold, P-CHR AUC, the recommendation and the verifier's effect.</summary>
public static class QualityConsoleReport
{
    public static void Write(IAnsiConsole console, QualityReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var plain = report.PlainCalibration;
        var verified = report.VerifiedCalibration;
        console.MarkupLineInterpolated(
            $"[bold]{report.Plain.Scored.Count} queries[/] against {report.Plain.Entries} cached prompts ({report.Plain.Duplicates} labelled same-meaning with their partner), model {report.EmbeddingModel}.");

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]The cache at each threshold[/]");
        foreach (var header in new[] { "Threshold", "Precision", "Recall", "Hit ratio", "Valid hit ratio" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        if (verified is not null)
        {
            foreach (var header in new[] { "Precision +lexical", "Hit ratio +lexical", "Valid hit ratio +lexical" })
            {
                table.AddColumn(new TableColumn(header).RightAligned());
            }
        }

        var steps = Enumerable.Range(10, 11).Select(s => s * 5).ToList(); // 0.50, 0.55, ..., 1.00
        foreach (var recommended in new[] { plain.RecommendedThreshold, verified?.RecommendedThreshold })
        {
            if (recommended is { } r && !steps.Contains((int)Math.Round(r * 100)))
            {
                steps.Add((int)Math.Round(r * 100));
            }
        }

        foreach (var step in steps.Order())
        {
            var p = plain.Points[step];
            var marker = plain.RecommendedThreshold is { } pr && Math.Abs(pr - p.Threshold) < 1e-9 ? " ◀" : string.Empty;
            var cells = new List<string>
            {
                p.Threshold.ToString("0.00", CultureInfo.InvariantCulture) + marker,
                Percent(p.Precision, p.Hits),
                Percent(p.Recall),
                Percent(p.HitRatio),
                Percent(p.ValidHitRatio),
            };
            if (verified is not null)
            {
                var v = verified.Points[step];
                var verifiedMarker = verified.RecommendedThreshold is { } vr && Math.Abs(vr - v.Threshold) < 1e-9 ? " ◀" : string.Empty;
                cells.Add(Percent(v.Precision, v.Hits) + verifiedMarker);
                cells.Add(Percent(v.HitRatio));
                cells.Add(Percent(v.ValidHitRatio));
            }

            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
        console.MarkupLine("[grey]Precision: correct hits ÷ hits. Recall: correct hits ÷ queries whose served candidate is correct at the lowest threshold. Hit ratio: hits ÷ queries. Valid hit ratio: correct hits ÷ queries. ◀ marks the recommendation.[/]");
        WriteRecommendation(console, "Without verifier", plain);
        if (verified is not null)
        {
            WriteRecommendation(console, "With LexicalSemanticCacheVerifier", verified);
        }

        WriteTargets(console, report);
        if (verified is not null)
        {
            WriteComparison(console, report);
        }
    }

    /// <summary>The precision targets of the "recommended threshold by target" table.</summary>
    public static IReadOnlyList<double> Targets { get; } = [0.99, 0.97, 0.95, 0.90, 0.85, 0.80];

    private static void WriteTargets(IAnsiConsole console, QualityReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Recommended threshold by target precision[/]");
        table.AddColumn(new TableColumn("Target").RightAligned());
        table.AddColumn(new TableColumn("Threshold").RightAligned());
        table.AddColumn(new TableColumn("Precision (95 % lower bound)").RightAligned());
        table.AddColumn(new TableColumn("Hit ratio").RightAligned());
        if (report.Verified is not null)
        {
            table.AddColumn(new TableColumn("Threshold +lexical").RightAligned());
            table.AddColumn(new TableColumn("Precision +lexical").RightAligned());
            table.AddColumn(new TableColumn("Hit ratio +lexical").RightAligned());
        }

        foreach (var target in Targets)
        {
            var cells = new List<string> { Percent(target) };
            cells.AddRange(Recommendation(SemanticCacheCalibrator.Calibrate(report.Plain.Scored, target)));
            if (report.Verified is not null)
            {
                cells.AddRange(Recommendation(SemanticCacheCalibrator.Calibrate(report.Verified.Scored, target)));
            }

            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
    }

    private static IEnumerable<string> Recommendation(SemanticCacheCalibrationResult result) => result.Recommended is { } point
        ? [point.Threshold.ToString("0.00", CultureInfo.InvariantCulture), $"{Percent(point.Precision)} ({Percent(result.PrecisionLowerBound ?? 0)})", Percent(point.HitRatio)]
        : ["none", "-", "-"];

    private static void WriteRecommendation(IAnsiConsole console, string label, SemanticCacheCalibrationResult result)
    {
        console.MarkupLineInterpolated($"[bold]{label}[/]: P-CHR AUC {result.PrecisionHitRatioAuc:0.0000}.");
        if (result.Recommended is { } point)
        {
            console.MarkupLineInterpolated(
                $"  Recommended threshold for precision ≥ {result.TargetPrecision:0%}: [bold green]{point.Threshold:0.00}[/] (precision {point.Precision:0.0%}, 95 % lower bound {result.PrecisionLowerBound:0.0%}, hit ratio {point.HitRatio:0.0%}, valid hit ratio {point.ValidHitRatio:0.0%}, {point.Hits} hits).");
        }
        else if (result.ConfidenceNote is null)
        {
            console.MarkupLineInterpolated($"  [yellow]No threshold reaches precision {result.TargetPrecision:0%}.[/]");
        }

        if (result.ConfidenceNote is { } note)
        {
            console.MarkupLineInterpolated($"  [yellow]{note}[/]");
        }
    }

    private static void WriteComparison(IAnsiConsole console, QualityReport report)
    {
        var rows = report.EqualHitRatio();
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Precision at equal hit ratio[/]");
        foreach (var header in new[] { "Hit ratio", "Without verifier", "With lexical verifier", "Difference" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var (ratio, plain, verified) in rows)
        {
            var difference = (verified - plain) * 100;
            table.AddRow(
                Percent(ratio),
                Percent(plain),
                Percent(verified),
                Markup.Escape(difference.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pts"));
        }

        console.Write(table);
        var maxPlain = report.Plain.Served / (double)Math.Max(1, report.Plain.Scored.Count);
        var maxVerified = report.Verified!.Served / (double)Math.Max(1, report.Verified.Scored.Count);
        var verdict = rows.Count == 0 ? "no common hit ratio to compare"
            : rows.Average(r => r.Verified - r.Plain) > 0.005 ? "the lexical verifier adds precision at equal hit ratio"
            : rows.Average(r => r.Verified - r.Plain) < -0.005 ? "the lexical verifier costs precision at equal hit ratio"
            : "the lexical verifier makes no measurable difference at equal hit ratio";
        console.MarkupLineInterpolated(
            $"Highest hit ratio: {maxPlain:0.0%} without, {maxVerified:0.0%} with the verifier (it rejects candidates). Verdict: [bold]{verdict}[/] (mean difference {rows.DefaultIfEmpty().Average(r => (r.Verified - r.Plain) * 100):+0.0;-0.0;0.0} pts).");
    }

    private static string Percent(double value, int hits) => hits == 0 ? "-" : Percent(value);

    private static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
}
