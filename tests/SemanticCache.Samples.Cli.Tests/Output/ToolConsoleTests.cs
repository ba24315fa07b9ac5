using Spectre.Console;

namespace SemanticCache.Samples.Cli.Tests;

public sealed class ToolConsoleTests
{
    [Fact]
    public void CreatePlain_Markup_WritesTextWithoutEscapeCodes()
    {
        using var writer = new StringWriter();
        var console = ToolConsole.CreatePlain(writer, 80);

        console.MarkupLine("[red bold]✗[/] failed");

        Assert.Equal("✗ failed\n", writer.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void CreatePlain_Width_LaysTablesOutWithinIt()
    {
        using var writer = new StringWriter();
        var console = ToolConsole.CreatePlain(writer, 40);

        console.Write(new Table().AddColumn("Key").AddColumn("Value").AddRow("name", new string('x', 100)));

        var lines = writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.True(lines.Length > 4, writer.ToString());
        Assert.All(lines, line => Assert.True(line.Length <= 40, line));
    }

    [Fact]
    public void CreatePlain_IsNotInteractive()
    {
        var console = ToolConsole.CreatePlain(TextWriter.Null, 80);

        Assert.False(console.Profile.Capabilities.Interactive);
        Assert.False(console.Profile.Capabilities.Ansi);
    }

    [Fact]
    public void CreatePlain_ZeroWidth_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ToolConsole.CreatePlain(TextWriter.Null, 0));
    }
}
