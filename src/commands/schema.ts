// okr schema: prints one JSON Schema, or writes all of them to a folder for editors to load.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Environment } from '../env.js';
import { UsageError } from '../errors.js';
import { readSchema, SCHEMA_NAMES, type SchemaName } from '../workspace/schema-validation.js';

export interface SchemaOptions {
  dir?: string;
  out?: string;
}

export default async function schema(env: Environment, args: unknown[], options: SchemaOptions): Promise<number> {
  const base = resolve(env.cwd, options.dir ?? '.');
  if (options.out !== undefined) {
    const folder = resolve(base, options.out);
    mkdirSync(folder, { recursive: true });
    for (const name of SCHEMA_NAMES) {
      const path = join(folder, `${name}.schema.json`);
      writeFileSync(path, JSON.stringify(readSchema(name), null, 2) + '\n');
      env.stderr.write(`wrote ${path}\n`);
    }
    return 0;
  }
  const name = String(args[0] ?? 'cycle');
  if (!SCHEMA_NAMES.includes(name as SchemaName))
    throw new UsageError(`unknown schema "${name}"`, `Choose one of: ${SCHEMA_NAMES.join(', ')}.`);
  env.stdout.write(JSON.stringify(readSchema(name as SchemaName), null, 2) + '\n');
  return 0;
}
