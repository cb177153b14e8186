export declare const DEV_ORIGIN: string;
export declare function manifestFor(manifest: string, productionUrl: string | undefined): string;
