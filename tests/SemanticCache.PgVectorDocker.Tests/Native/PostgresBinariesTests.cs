namespace SemanticCache.PgVectorDocker.Tests;

public sealed class PostgresBinariesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pg-binaries-tests-");

    [Fact]
    public void Locate_DebianLayout_PicksNewestMajorVersion()
    {
        AddVersion(14);
        AddVersion(16);

        var binaries = PostgresBinaries.Locate(null, null, path: string.Empty, debianRoot: _root.FullName);

        Assert.Equal(16, binaries.Major);
        Assert.Equal(Path.Combine(_root.FullName, "16", "bin"), binaries.Directory);
        Assert.Equal(Path.Combine(_root.FullName, "16", "bin", "initdb"), binaries.InitDb);
        Assert.Equal(Path.Combine(_root.FullName, "16", "bin", "pg_ctl"), binaries.PgCtl);
    }

    [Fact]
    public void Locate_WantedMajorVersion_PicksIt()
    {
        AddVersion(14);
        AddVersion(16);

        Assert.Equal(14, PostgresBinaries.Locate(null, 14, path: string.Empty, debianRoot: _root.FullName).Major);
    }

    [Fact]
    public void Locate_WantedMajorVersionMissing_ListsInstalledVersions()
    {
        AddVersion(14);
        AddVersion(16);

        var ex = Assert.Throws<ToolException>(() => PostgresBinaries.Locate(null, 15, path: string.Empty, debianRoot: _root.FullName));

        Assert.Contains("PostgreSQL 15 is not installed here (found 14, 16)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_VersionDirectoryWithoutServer_IsIgnored()
    {
        // libpq-dev alone leaves /usr/lib/postgresql/<major>/bin with pg_config but no initdb.
        Directory.CreateDirectory(Path.Combine(_root.FullName, "17", "bin"));
        File.WriteAllText(Path.Combine(_root.FullName, "17", "bin", "pg_config"), string.Empty);

        var ex = Assert.Throws<ToolException>(() => PostgresBinaries.Locate(null, null, path: string.Empty, debianRoot: _root.FullName));

        Assert.Contains("initdb, pg_ctl) were not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install postgresql-15", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--pg-bin-dir", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ExplicitDirectoryWithoutPrograms_Fails()
    {
        var ex = Assert.Throws<ToolException>(() => PostgresBinaries.Locate(_root.FullName, null, path: string.Empty, debianRoot: _root.FullName));

        Assert.Contains("does not contain initdb and pg_ctl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ThisMachine_FindsRunnableServerPrograms()
    {
        NativePostgres.Require();

        var binaries = PostgresBinaries.Locate(null, null, Environment.GetEnvironmentVariable("PATH"));

        Assert.InRange(binaries.Major, 12, 99);
        Assert.True(File.Exists(binaries.InitDb));
        Assert.True(File.Exists(binaries.PgCtl));
    }

    public void Dispose() => _root.Delete(recursive: true);

    private void AddVersion(int major)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root.FullName, major.ToString(System.Globalization.CultureInfo.InvariantCulture), "bin"));
        File.WriteAllText(Path.Combine(bin.FullName, "initdb"), string.Empty);
        File.WriteAllText(Path.Combine(bin.FullName, "pg_ctl"), string.Empty);
    }
}
