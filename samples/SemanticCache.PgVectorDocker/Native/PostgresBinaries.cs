using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SemanticCache.PgVectorDocker;

/// <summary>
/// Finds the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>): an explicit directory, then the Debian/Ubuntu
/// layout <c>/usr/lib/postgresql/&lt;major&gt;/bin</c> (newest first, or the requested major), then
/// <c>pg_config --bindir</c>, then <c>PATH</c>.
/// </summary>
internal sealed partial class PostgresBinaries
{
    private PostgresBinaries(string directory, int major)
    {
        Directory = directory;
        Major = major;
    }

    public string Directory { get; }

    public int Major { get; }

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public static PostgresBinaries Locate(string? explicitDirectory, int? wantedMajor, string? path, string debianRoot = "/usr/lib/postgresql")
    {
        if (explicitDirectory is not null)
        {
            return HasServerPrograms(explicitDirectory)
                ? new PostgresBinaries(Path.GetFullPath(explicitDirectory), ReadMajor(explicitDirectory))
                : throw new ToolException($"--pg-bin-dir {explicitDirectory} does not contain initdb and pg_ctl.");
        }

        var installed = new List<(int Major, string Directory)>();
        if (System.IO.Directory.Exists(debianRoot))
        {
            foreach (var versionDirectory in System.IO.Directory.GetDirectories(debianRoot))
            {
                var bin = Path.Combine(versionDirectory, "bin");
                if (int.TryParse(Path.GetFileName(versionDirectory), NumberStyles.None, CultureInfo.InvariantCulture, out var major) && HasServerPrograms(bin))
                {
                    installed.Add((major, bin));
                }
            }
        }

        if (wantedMajor is { } wanted)
        {
            var match = installed.FirstOrDefault(i => i.Major == wanted);
            if (match.Directory is not null)
            {
                return new PostgresBinaries(match.Directory, match.Major);
            }
        }
        else if (installed.Count > 0)
        {
            var newest = installed.MaxBy(i => i.Major);
            return new PostgresBinaries(newest.Directory, newest.Major);
        }

        foreach (var candidate in OtherCandidates(path))
        {
            if (HasServerPrograms(candidate))
            {
                var major = ReadMajor(candidate);
                if (wantedMajor is null || wantedMajor == major)
                {
                    return new PostgresBinaries(candidate, major);
                }

                installed.Add((major, candidate));
            }
        }

        if (wantedMajor is { } missing && installed.Count > 0)
        {
            throw new ToolException(
                $"PostgreSQL {missing} is not installed here (found {string.Join(", ", installed.Select(i => i.Major).Distinct().Order())}); " +
                "pass --pg-version with an installed major version, or --pg-bin-dir.");
        }

        throw new ToolException(
            "The PostgreSQL server programs (initdb, pg_ctl) were not found, so --engine native cannot run. Install PostgreSQL " +
            "(Debian/Ubuntu: apt-get install postgresql-15 postgresql-15-pgvector; macOS: brew install postgresql pgvector) " +
            "or pass --pg-bin-dir (or PGVECTOR_PG_BIN_DIR) with the directory that holds them.");
    }

    private static bool HasServerPrograms(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

    private static IEnumerable<string> OtherCandidates(string? path)
    {
        var directories = (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

        // pg_config may come from the client library package (libpq-dev) and name a bindir without a server in it.
        var pgConfig = directories.Select(d => Path.Combine(d, "pg_config")).FirstOrDefault(File.Exists);
        if (pgConfig is not null && PgConfigBinDir(pgConfig) is { } fromPgConfig)
        {
            yield return fromPgConfig;
        }

        foreach (var directory in directories)
        {
            yield return directory;
        }
    }

    private static string? PgConfigBinDir(string pgConfig)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(pgConfig, "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static int ReadMajor(string directory)
    {
        // "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(directory, "pg_ctl"), "--version") { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new ToolException($"Could not run {Path.Combine(directory, "pg_ctl")}.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = VersionPattern().Match(output);
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new ToolException($"Could not read the PostgreSQL version from '{output.Trim()}'.");
    }

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();
}
