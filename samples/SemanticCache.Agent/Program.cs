using SemanticCache.Agent;

return await AgentApplication.RunAsync(args, AgentHost.FromProcess());
