using SemanticCache.ScyllaCloud;

return await ScyllaCloudApp.RunAsync(args, ToolContext.FromProcess());
