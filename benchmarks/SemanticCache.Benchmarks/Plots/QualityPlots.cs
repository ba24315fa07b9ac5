using System.Globalization;
using ScottPlot;

namespace SemanticCache.Benchmarks;

/// <summary>The PNG of the quality command (<c>--plots DIR</c>): precision against hit ratio, without and with the verifier.</summary>
public static class QualityPlots
{
    public const string FileName = "precision-vs-hit-ratio.png";

    public static string Write(QualityReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var plot = new Plot();
        AddCurve(plot, report.PlainCalibration, "cache alone", Colors.SteelBlue);
        if (report.VerifiedCalibration is { } verified)
        {
            AddCurve(plot, verified, "with LexicalSemanticCacheVerifier", Colors.DarkOrange);
        }

        var target = plot.Add.HorizontalLine(report.PlainCalibration.TargetPrecision);
        target.LinePattern = LinePattern.Dashed;
        target.Color = Colors.Gray;
        target.LegendText = string.Create(CultureInfo.InvariantCulture, $"target precision {report.PlainCalibration.TargetPrecision:0.##}");
        plot.Title($"Precision against hit ratio ({report.EmbeddingModel})");
        plot.XLabel("hit ratio (hits ÷ queries)");
        plot.YLabel("precision (correct hits ÷ hits)");
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        var path = Path.GetFullPath(Path.Combine(directory, FileName));
        plot.SavePng(path, 900, 650);
        return path;
    }

    private static void AddCurve(Plot plot, SemanticCacheCalibrationResult calibration, string label, Color color)
    {
        var points = calibration.Points.Where(p => p.Hits > 0).OrderBy(p => p.HitRatio).ToArray();
        var curve = plot.Add.Scatter(points.Select(p => p.HitRatio).ToArray(), points.Select(p => p.Precision).ToArray());
        curve.LegendText = string.Create(CultureInfo.InvariantCulture, $"{label} (P-CHR AUC {calibration.PrecisionHitRatioAuc:0.000})");
        curve.Color = color;
        curve.LineWidth = 2;
        curve.MarkerSize = 3;
        if (calibration.Recommended is { } recommended)
        {
            var marker = plot.Add.Marker(recommended.HitRatio, recommended.Precision);
            marker.Color = color;
            marker.Size = 12;
            var text = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"t = {recommended.Threshold:0.00}"), recommended.HitRatio, recommended.Precision);
            text.LabelFontColor = color;
            text.LabelFontSize = 14;
            text.OffsetX = 8;
        }
    }
}
