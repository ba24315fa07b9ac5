namespace SemanticCache.Agent;

/// <summary>The command line or the environment holds a value the agent cannot use.</summary>
internal sealed class AgentUsageException : Exception
{
    public AgentUsageException(string message)
        : base(message)
    {
    }

    public AgentUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AgentUsageException()
    {
    }
}
