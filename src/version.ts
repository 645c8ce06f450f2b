// The version printed by `okr --version`; scripts/build.mjs checks it matches package.json.
export const VERSION = '0.1.0';
