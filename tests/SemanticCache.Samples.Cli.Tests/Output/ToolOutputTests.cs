using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SemanticCache.Samples.Cli.Tests;

public sealed class ToolOutputTests : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Step_Text_WritesACheckMarkLineWithTheTextLiterally()
    {
        Output().Step("Container [db] started");

        Assert.Equal("✓ Container [db] started\n", Out);
        Assert.Empty(Error);
    }

    [Fact]
    public void StepAndNote_Json_WriteNothing()
    {
        var output = Output(json: true);

        output.Step("started");
        output.Note("next: info");

        Assert.Empty(Out);
        Assert.Empty(Error);
    }

    [Fact]
    public void Note_LongLine_IsNotWrapped()
    {
        var line = "Host=127.0.0.1;Port=5432;Username=postgres;Password=********;Database=" + new string('d', 100);

        Output().Note(line);

        Assert.Equal(line + "\n", Out);
    }

    [Fact]
    public void WarningAndFailure_GoToStandardError()
    {
        var output = Output(json: true);

        output.Warning("port [5432] in use");
        output.Failure("no daemon");

        Assert.Empty(Out);
        Assert.Equal("⚠ port [5432] in use\n✗ no daemon\n", Error);
    }

    [Fact]
    public void Debug_Off_WritesNothing()
    {
        Output(debug: false).Debug("GET /_ping");

        Assert.Empty(Out + Error);
    }

    [Fact]
    public void Debug_On_WritesToStandardError()
    {
        var output = Output(debug: true);

        output.Debug("GET /_ping");

        Assert.True(output.IsDebug);
        Assert.Empty(Out);
        Assert.Equal("debug: GET /_ping\n", Error);
    }

    [Fact]
    public void Json_Node_IsIndentedAndUnwrapped()
    {
        var value = new string('v', 300);

        Output(json: true).Json(new JsonObject { ["name"] = value, ["ok"] = true });

        Assert.Equal($"{{\n  \"name\": \"{value}\",\n  \"ok\": true\n}}\n", Out);
    }

    [Fact]
    public void Json_Element_IsWrittenAsADocument()
    {
        using var document = JsonDocument.Parse("""{"accountId":7}""");

        Output(json: true).Json(document.RootElement);
        Output(json: true).Json(default(JsonElement));

        Assert.Equal("{\n  \"accountId\": 7\n}\nnull\n", Out);
    }

    [Fact]
    public void ProgressConsole_Json_IsStandardError()
    {
        Output(json: true).ProgressConsole.WriteLine("pulling");
        Output(json: false).ProgressConsole.WriteLine("waiting");

        Assert.Equal("pulling\n", Error);
        Assert.Equal("waiting\n", Out);
    }

    [Fact]
    public void KeyValueTable_NullValue_ShowsADash()
    {
        var output = Output();

        output.Write(ToolOutput.KeyValueTable([("Health", null), ("Port", "5432")]));

        Assert.Contains("Property", Out, StringComparison.Ordinal);
        Assert.Matches(@"│ Health\s+│ —\s+│", Out);
        Assert.Matches(@"│ Port\s+│ 5432\s+│", Out);
    }

    [Fact]
    public void Table_NullCell_ShowsADash()
    {
        var output = Output();

        output.Write(ToolOutput.Table(["Name", "Status"], [["demo", null]]));

        Assert.Matches(@"│ demo\s+│ —\s+│", Out);
    }

    [Fact]
    public async Task ConfirmAsync_Forced_GoesAheadWithoutAsking()
    {
        Assert.True(await Output().ConfirmAsync("destroy", "db", "Destroy 'db'?", force: true, TestContext.Current.CancellationToken));
        Assert.Empty(Out + Error);
    }

    [Fact]
    public async Task ConfirmAsync_NobodyToAsk_RefusesAndSaysToPassForce()
    {
        var ex = await Assert.ThrowsAsync<ToolException>(
            () => Output().ConfirmAsync("destroy", "db", "Destroy 'db'?", force: false, TestContext.Current.CancellationToken));

        Assert.Equal("Refusing to destroy 'db' without confirmation: pass --force.", ex.Message);
    }

    [Fact]
    public async Task ConfirmAsync_UserSaysNo_CancelsAndSaysNothingChanged()
    {
        var output = new ToolOutput(Interactive("n\n"), json: false);

        Assert.False(await output.ConfirmAsync("destroy", "db", "Destroy 'db'?", force: false, TestContext.Current.CancellationToken));
        Assert.Contains("Destroy 'db'?", Out, StringComparison.Ordinal);
        Assert.EndsWith("Cancelled; nothing was changed.\n", Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmAsync_UserSaysYes_GoesAhead()
    {
        var output = new ToolOutput(Interactive("y\n"), json: false);

        Assert.True(await output.ConfirmAsync("destroy", "db", "Destroy 'db'?", force: false, TestContext.Current.CancellationToken));
        Assert.DoesNotContain("Cancelled", Out, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
    }

    private string Out => _out.ToString().ReplaceLineEndings("\n");

    private string Error => _error.ToString().ReplaceLineEndings("\n");

    private ToolOutput Output(bool json = false, bool debug = false) => new(
        new ToolContext
        {
            Out = ToolConsole.CreatePlain(_out, 120),
            Error = ToolConsole.CreatePlain(_error, 120),
            Environment = new Dictionary<string, string>(),
            HomeDirectory = Path.GetTempPath(),
        },
        json,
        debug);

    private ToolContext Interactive(string keys) => new()
    {
        Out = new ScriptedConsole(_out, keys),
        Error = ToolConsole.CreatePlain(_error, 120),
        Environment = new Dictionary<string, string>(),
        HomeDirectory = Path.GetTempPath(),
        IsInteractive = true,
    };
}
