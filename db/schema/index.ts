export * from "./workspaces";
export * from "./accounts";
export * from "./audit";
