/** What the run's globalSetup files give every test through `inject()` (see vitest.config.ts). */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the throwaway PostgreSQL server (postgresGlobalSetup.ts). */
    postgresAdminUrl: string;
    /** `redis://127.0.0.1:<port>` of the throwaway redis-server (redis.ts). */
    redisUrl: string;
  }
}

export {};
