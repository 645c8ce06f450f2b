// The floor of `okr check`: list the workspace (okr.yaml, teams/*/*.yaml), read every file and load
// it with js-yaml (the core schema, as okr's fast path does), nothing else, in one Node process.
// Usage: node bench/floors/read-parse.mjs <workspace>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import jsYaml from 'js-yaml';

export function goalFiles(root) {
  const files = [join(root, 'okr.yaml')];
  const teams = join(root, 'teams');
  for (const team of readdirSync(teams).sort())
    for (const name of readdirSync(join(teams, team)).sort()) if (name.endsWith('.yaml')) files.push(join(teams, team, name));
  return files;
}

export function readAndParse(root) {
  let documents = 0;
  for (const file of goalFiles(root)) if (jsYaml.load(readFileSync(file, 'utf8'), { schema: jsYaml.CORE_SCHEMA }) !== undefined) documents++;
  return documents;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const documents = readAndParse(process.argv[2] ?? '.');
  if (documents === 0) process.exit(1);
}
