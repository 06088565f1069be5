/**
 * Node flags of every production start of the server: `npm start`, the Docker image, the deploy
 * check and the bench (scripts/server-node-flags.test.ts holds package.json and the Dockerfile to
 * them).
 *
 * 4 MiB semi-spaces (V8's default grows them to 16 MiB): a burst of logins grows V8's young
 * generation to its maximum and V8 keeps it, which made it most of an idle node's memory at a
 * thousand connections. The price is more, shorter scavenges under load (docs/operations.md, "Garbage
 * collection and the young generation").
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
