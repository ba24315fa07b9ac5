using SemanticCache.PgVectorDocker;

return await PgVectorDockerApp.RunAsync(args, ToolContext.FromProcess());
