namespace SemanticCache.Agent;

/// <summary>Where a setting's value came from, in order of precedence.</summary>
internal enum SettingSource
{
    /// <summary>Given on the command line.</summary>
    CommandLine,

    /// <summary>Read from an environment variable.</summary>
    Environment,

    /// <summary>The built-in default.</summary>
    Default,
}
