namespace SemanticCache.Onnx.Tests;

/// <summary>A fresh folder under the temp path, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "semanticcache-onnx-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Copies files of a model folder into a new sub-folder and returns it.</summary>
    public string CopyModel(string sourceFolder, string name, params string[] files)
    {
        string target = Combine(name);
        Directory.CreateDirectory(target);
        foreach (string file in files)
        {
            File.Copy(System.IO.Path.Combine(sourceFolder, file), System.IO.Path.Combine(target, file));
        }

        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
