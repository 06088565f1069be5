/** Types of scripts/build-server.mjs for the TypeScript that calls it (tests). */
export interface ServerBuild {
  /** npm packages the built files import, sorted. */
  imported: string[];
  /** `dependencies` of the manifest checked against. */
  declared: string[];
  /** Source files bundled, relative to the repository root. */
  inputs: string[];
}

export function buildServer(outdir?: string, manifest?: string): Promise<ServerBuild>;
