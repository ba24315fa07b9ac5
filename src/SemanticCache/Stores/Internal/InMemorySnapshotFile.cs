using System.Runtime.InteropServices;
using System.Text;

namespace SemanticCache;

/// <summary>Reads and writes the snapshot file of <see cref="InMemorySemanticCacheStore"/>.</summary>
/// <remarks>
/// Layout (little-endian): magic "SCSNAP", snapshot version, vector dimension, entry count, then per entry its fields and
/// its vector. Writes go to a temporary file that replaces the snapshot only once complete, so a crash mid-save never
/// corrupts the previous snapshot.
/// </remarks>
internal static class InMemorySnapshotFile
{
    private const string Magic = "SCSNAP";
    private const int SnapshotVersion = 1;

    public static (int? Dimensions, List<SemanticCacheEntry> Entries) Read(string path, DateTimeOffset now)
    {
        var entries = new List<SemanticCacheEntry>();
        if (!File.Exists(path))
        {
            return (null, entries);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException("the file does not start with the snapshot header");
            }

            var version = reader.ReadInt32();
            if (version != SnapshotVersion)
            {
                throw new InvalidDataException($"snapshot version {version} is not supported (expected {SnapshotVersion})");
            }

            var dimensions = reader.ReadInt32();
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var entry = ReadEntry(reader, dimensions);
                if (!entry.IsExpired(now))
                {
                    entries.Add(entry);
                }
            }

            return (dimensions, entries);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException or FormatException or ArgumentException)
        {
            throw new InvalidDataException(
                $"The semantic cache snapshot '{path}' cannot be read ({ex.Message}). Move or delete the file to start with an empty cache.", ex);
        }
    }

    public static void Write(string path, int dimensions, IReadOnlyList<(SemanticCacheEntry Entry, float[] Vector)> entries)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(SnapshotVersion);
                writer.Write(dimensions);
                writer.Write(entries.Count);
                foreach (var (entry, vector) in entries)
                {
                    WriteEntry(writer, entry, vector);
                }

                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void WriteEntry(BinaryWriter writer, SemanticCacheEntry entry, float[] vector)
    {
        writer.Write(entry.Key);
        writer.Write(entry.ScopeHash);
        writer.Write(entry.Partition);
        writer.Write(entry.EmbeddedText);
        writer.Write(entry.FormatVersion);
        writer.Write(entry.CreatedAt.UtcTicks);
        writer.Write(entry.ExpiresAt?.UtcTicks ?? -1L);
        writer.Write(entry.ModelId is not null);
        if (entry.ModelId is not null)
        {
            writer.Write(entry.ModelId);
        }

        writer.Write(entry.Tags.Count);
        foreach (var tag in entry.Tags)
        {
            writer.Write(tag);
        }

        writer.Write(entry.Response.Length);
        writer.Write(entry.Response.Span);
        writer.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
    }

    private static SemanticCacheEntry ReadEntry(BinaryReader reader, int dimensions)
    {
        var key = reader.ReadString();
        var scope = reader.ReadString();
        var partition = reader.ReadString();
        var text = reader.ReadString();
        var formatVersion = reader.ReadInt32();
        var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        var expiresTicks = reader.ReadInt64();
        var modelId = reader.ReadBoolean() ? reader.ReadString() : null;
        var tags = new string[reader.ReadInt32()];
        for (var t = 0; t < tags.Length; t++)
        {
            tags[t] = reader.ReadString();
        }

        var response = reader.ReadBytes(reader.ReadInt32());
        var vector = new float[dimensions];
        var bytes = reader.ReadBytes(dimensions * sizeof(float));
        if (bytes.Length != dimensions * sizeof(float))
        {
            throw new EndOfStreamException("the file ends inside an entry");
        }

        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(vector);
        return new SemanticCacheEntry
        {
            Key = key,
            ScopeHash = scope,
            Partition = partition,
            EmbeddedText = text,
            FormatVersion = formatVersion,
            CreatedAt = created,
            ExpiresAt = expiresTicks < 0 ? null : new DateTimeOffset(expiresTicks, TimeSpan.Zero),
            ModelId = modelId,
            Tags = tags,
            Response = response,
            Vector = vector,
        };
    }
}
