using System.CommandLine;
using SemanticCache.Samples.Testing;

namespace SemanticCache.Samples.Cli.Tests;

public sealed class TextSettingTests
{
    [Fact]
    public void Resolve_AllowedValues_ReturnsCanonicalSpelling()
    {
        var setting = new TextSetting("--kind", "Kind.", "TEST_KIND", "CQL", allowed: ["CQL", "ALTERNATOR"]);
        var command = new RootCommand { setting.Option };

        Assert.Equal("ALTERNATOR", setting.Resolve(command.Parse(["--kind", "alternator"]), Context(new())));
        Assert.Equal("ALTERNATOR", setting.Resolve(command.Parse([]), Context(new() { ["TEST_KIND"] = "Alternator" })));
        Assert.Equal("CQL", setting.Resolve(command.Parse([]), Context(new())));
    }

    [Fact]
    public void Describe_Secret_HidesDefault()
    {
        var setting = new TextSetting("--password", "Password.", "TEST_PASSWORD", "hunter2", isSecret: true);

        Assert.DoesNotContain("hunter2", setting.Option.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CommandLineThenEnvironmentThenDefault()
    {
        var setting = new TextSetting("--user", "User.", "TEST_USER", "postgres");
        var command = new RootCommand { setting.Option };

        Assert.Equal("postgres", setting.Resolve(command.Parse([]), Context(new())));
        Assert.Equal("env-user", setting.Resolve(command.Parse([]), Context(new() { ["TEST_USER"] = "env-user" })));
        Assert.Equal("cli-user", setting.Resolve(command.Parse(["--user", "cli-user"]), Context(new() { ["TEST_USER"] = "env-user" })));
    }

    [Fact]
    public void Resolve_ValueNotAllowedInEnvironment_FailsNamingTheVariable()
    {
        var setting = new TextSetting("--output", "Output.", "TEST_OUTPUT", "text", allowed: ["text", "json"]);
        var command = new RootCommand { setting.Option };

        var ex = Assert.Throws<ToolException>(() => setting.Resolve(command.Parse([]), Context(new() { ["TEST_OUTPUT"] = "yaml" })));

        Assert.Equal("Environment variable TEST_OUTPUT='yaml' is not one of: text, json.", ex.Message);
    }

    [Fact]
    public void Parse_ValueNotAllowedOnCommandLine_IsAParseError()
    {
        var setting = new TextSetting("--output", "Output.", "TEST_OUTPUT", "text", allowed: ["text", "json"]);
        var command = new RootCommand { setting.Option };

        var result = command.Parse(["--output", "yaml"]);

        Assert.Contains(result.Errors, e => e.Message == "'yaml' is not a valid value for --output; use one of: text, json.");
        Assert.Equal("text|json", setting.Option.HelpName);
    }

    [Fact]
    public void ResolveRequired_NoValue_SaysHowToPassOne()
    {
        var setting = new TextSetting("--name", "Name.", "TEST_NAME", null);
        var command = new RootCommand { setting.Option };

        var ex = Assert.Throws<ToolException>(() => setting.ResolveRequired(command.Parse([]), Context(new())));

        Assert.Equal("--name is required: pass --name or set TEST_NAME.", ex.Message);
    }

    [Fact]
    public void ResolveRequired_NoVariable_OnlyMentionsTheOption()
    {
        var setting = new TextSetting("--name", "Name.", null, null);
        var command = new RootCommand { setting.Option };

        var ex = Assert.Throws<ToolException>(() => setting.ResolveRequired(command.Parse([]), Context(new())));

        Assert.Equal("--name is required: pass --name.", ex.Message);
    }

    [Fact]
    public void Describe_Secret_ShowsHiddenInPlaceOfTheDefault()
    {
        var setting = new TextSetting("--password", "Password.", "TEST_PASSWORD", "hunter2", isSecret: true);

        Assert.Equal("Password. [env: TEST_PASSWORD] [default: (hidden)]", setting.Option.Description);
        Assert.True(setting.IsSecret);
    }

    [Fact]
    public void Describe_SecretWithoutDefault_ShowsNoDefault()
    {
        var setting = new TextSetting("--api-token", "Token.", "TEST_TOKEN", null, isSecret: true);

        Assert.Equal("Token. [env: TEST_TOKEN]", setting.Option.Description);
    }

    [Fact]
    public void ForDisplay_Secret_IsMasked()
    {
        var setting = new TextSetting("--password", "Password.", "TEST_PASSWORD", "hunter2", isSecret: true);
        var command = new RootCommand { setting.Option };
        var value = setting.Resolve(command.Parse(["--password", "from-cli"]), Context(new()));

        Assert.Equal("from-cli", value);
        Assert.Equal(SecretText.Mask, setting.ForDisplay(value));
        Assert.Null(setting.ForDisplay(null));
    }

    [Fact]
    public void ForDisplay_NotSecret_IsTheValue()
    {
        var setting = new TextSetting("--user", "User.", "TEST_USER", "postgres");

        Assert.Equal("postgres", setting.ForDisplay("postgres"));
    }

    private static ToolContext Context(Dictionary<string, string> environment) => TestToolContext.Create(environment);
}
