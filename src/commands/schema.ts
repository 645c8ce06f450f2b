// okr schema: prints one JSON Schema, or writes all of them to a folder for editors to load.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SchemaArguments, SchemaOptions } from '../definitions/schema.js';
import type { Environment } from '../env.js';
import { UsageError } from '../errors.js';
import { schemaFileText, SCHEMA_NAMES, type SchemaName } from '../workspace/schema-validation.js';

const isSchemaName = (name: string): name is SchemaName => (SCHEMA_NAMES as readonly string[]).includes(name);

export default async function schema(env: Environment, [name]: SchemaArguments, options: SchemaOptions): Promise<number> {
  const base = resolve(env.cwd, options.dir ?? '.');
  if (options.out !== undefined) {
    const folder = resolve(base, options.out);
    mkdirSync(folder, { recursive: true });
    for (const each of SCHEMA_NAMES) {
      const path = join(folder, `${each}.schema.json`);
      writeFileSync(path, schemaFileText(each));
      env.stderr.write(`wrote ${path}\n`);
    }
    return 0;
  }
  if (!isSchemaName(name)) throw new UsageError(`unknown schema "${name}"`, `Choose one of: ${SCHEMA_NAMES.join(', ')}.`);
  env.stdout.write(schemaFileText(name));
  return 0;
}
