/** Types for scripts/manifest-url.js, which webpack.config.js loads as plain CommonJS. */
export declare const DEV_URL: string;
export declare function parseAddinUrl(value: string): string;
export declare function rewriteManifest(xml: string | Buffer, addinUrl: string): string;
export declare function manifestForEnv(xml: string | Buffer, env: Record<string, string | undefined>): string;
