/** Types for scripts/office-js.js, which webpack.config.js loads as plain CommonJS. */
export type OfficeJsMode = 'cdn-then-local' | 'local';
export declare const CDN_URL: string;
export declare const LOCAL_DIR: string;
export declare const LOCAL_URL: string;
export declare const LOCAL_FILES: string[];
export declare const LOCAL_IGNORE: string[];
export declare const CDN_TIMEOUT_MS: number;
export declare function officeJsMode(env: Record<string, string | undefined>): OfficeJsMode;
export declare function officeJsSources(mode: OfficeJsMode): string[];
export declare function officeJsLoader(mode: OfficeJsMode, timeoutMs?: number): string;
export declare function packageDir(): string;
