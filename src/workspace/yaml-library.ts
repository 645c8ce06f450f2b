// The `yaml` package, loaded on first use: most runs read goal files with the fast subset reader
// alone and never need it (importing it costs ~30 ms of start-up). Needed for files outside the
// subset, for positions in those files, and for edits (check-ins), which keep comments and layout.
import { createRequire } from 'node:module';

type YamlLibrary = typeof import('yaml');

let library: YamlLibrary | undefined;

export function yamlLibrary(): YamlLibrary {
  return (library ??= createRequire(import.meta.url)('yaml') as YamlLibrary);
}
