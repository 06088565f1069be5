/** API versions served; semantics are always those of v3.5. */
export const SUPPORTED_VERSIONS = ['3.3', '3.4', '3.5', '3.6'] as const;
export type ApiVersion = (typeof SUPPORTED_VERSIONS)[number];
export const CURRENT_VERSION: ApiVersion = '3.5';

export function isSupportedVersion(v: string): v is ApiVersion {
  return (SUPPORTED_VERSIONS as readonly string[]).includes(v);
}
