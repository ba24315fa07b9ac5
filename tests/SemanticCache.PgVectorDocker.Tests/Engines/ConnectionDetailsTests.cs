namespace SemanticCache.PgVectorDocker.Tests;

public sealed class ConnectionDetailsTests
{
    private static readonly ConnectionDetails Plain = new() { Host = "127.0.0.1", Port = 5433, User = "postgres", Password = "pw", Database = "cache" };

    [Fact]
    public void ConnectionString_Masked_HidesPassword()
    {
        Assert.Equal("Host=127.0.0.1;Port=5433;Username=postgres;Password=********;Database=cache", Plain.ConnectionString(revealPassword: false));
    }

    [Fact]
    public void ConnectionString_Revealed_IsUsableByNpgsql()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(Plain.ConnectionString(revealPassword: true));

        Assert.Equal("pw", builder.Password);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("cache", builder.Database);
    }

    [Fact]
    public void ConnectionString_PasswordWithSeparators_IsQuoted()
    {
        var details = new ConnectionDetails { Host = "h", Port = 1, User = "u", Password = "a;b='c'", Database = "d" };

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(details.ConnectionString(revealPassword: true));

        Assert.Equal("a;b='c'", builder.Password);
    }

    [Fact]
    public void Uri_EscapesAndMasks()
    {
        var details = new ConnectionDetails { Host = "h", Port = 1, User = "u", Password = "p@ss/word", Database = "d" };

        Assert.Equal("postgresql://u:********@h:1/d", details.Uri(revealPassword: false));
        Assert.Equal("postgresql://u:p%40ss%2Fword@h:1/d", details.Uri(revealPassword: true));
    }
}
