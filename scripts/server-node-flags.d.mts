/** Types of scripts/server-node-flags.mjs for the TypeScript that imports it (bench, tests). */
export const SERVER_NODE_FLAGS: readonly string[];
