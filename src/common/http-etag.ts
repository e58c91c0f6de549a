/** The ETag of a record: its version, as a strong entity tag (If-Match compares strongly: src/modules/writes/if-match.ts). */
export const etagOf = (version: number) => `"${version}"`;
