namespace SemanticCache.Agent;

/// <summary>A resolved setting: its value and where the value came from.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Source">Where the value came from.</param>
internal readonly record struct Setting<T>(T Value, SettingSource Source)
{
    public static implicit operator T(Setting<T> setting) => setting.Value;

    public override string ToString() => $"{Value} ({Source})";
}
