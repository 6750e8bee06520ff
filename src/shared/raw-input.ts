/** What arrives from a form post or a JSON body, before any checking. */
export type RawInput = Record<string, unknown>;
