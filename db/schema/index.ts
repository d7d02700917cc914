export * from "./workspaces";
export * from "./accounts";
export * from "./audit";
export * from "./sources";
export * from "./events";
export * from "./intake";
export * from "./jobs";
export * from "./pipeline";
