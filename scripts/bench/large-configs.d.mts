/** The shapes largeConfig() knows, in the order a size table lists them. */
export declare const shapes: readonly string[];
/** A fly.toml text of the given shape, at least `bytes` long (and less than one repeated part more). */
export declare function largeConfig(shape: string, bytes: number): string;
