// The bundled examples read the same in YAML 1.1 readers as in okr (SPEC 9: one meaning per file).
// ajv-cli and PyYAML read YAML 1.1, where an unquoted 2026-10-01 is a date object, not the string
// okr's schema asks for; so the examples write dates quoted. Both readers run for real: ajv-cli as
// users run it against okr's schemas, PyYAML through a small Python script.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findClient, requireClient } from '../support/clients.js';
import { EXAMPLES, okr, PROJECT_ROOT } from '../support/run-cli.js';
import { tempDir } from '../support/temp-repo.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv').default;
const AJV_CLI = require.resolve('ajv-cli/dist/index.js');

type SchemaName = 'okr' | 'team' | 'cycle';
const schemaPath = (name: SchemaName) => join(PROJECT_ROOT, 'schemas', `${name}.schema.json`);

/** The goal files of an example (or of any workspace folder), each with the schema that describes it. */
function goalFiles(example: string, root = join(EXAMPLES, example)): { file: string; schema: SchemaName }[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f === 'okr.yaml' || /^teams\/[^/]+\/[^/]+\.yaml$/.test(f))
    .sort()
    .map((f) => ({ file: join(root, f), schema: f === 'okr.yaml' ? 'okr' : basename(f) === 'team.yaml' ? 'team' : 'cycle' }));
}

interface Yaml11Reading {
  data?: unknown;
  odd?: { pointer: string; type: string; value: string }[];
  error?: string;
}

function readWithPyYaml(python: string, files: string[]): Record<string, Yaml11Reading> {
  const out = execFileSync(python, [join(PROJECT_ROOT, 'test/support/yaml11.py'), ...files], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out) as Record<string, Yaml11Reading>;
}

const findPython = () => findClient(['python3', '/usr/bin/python3'], ['-c', 'import yaml']);
const PYYAML = ['python3 with PyYAML', 'apt-get install -y python3-yaml'] as const;

describe('the examples in YAML 1.1 readers', () => {
  const acme = goalFiles('acme');

  it('ajv-cli (js-yaml, YAML 1.1) finds every file of examples/acme valid against okr\'s schemas', () => {
    expect(acme.map((f) => f.schema)).toEqual(expect.arrayContaining(['okr', 'team', 'cycle']));
    for (const schema of ['okr', 'team', 'cycle'] as const) {
      const data = acme.filter((f) => f.schema === schema).map((f) => relative(PROJECT_ROOT, f.file));
      const args = [AJV_CLI, 'validate', '--spec=draft2020', '--all-errors', '--errors=line', '-s', schemaPath(schema), ...data.flatMap((d) => ['-d', d])];
      const run = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
      expect(`${run.stdout}${run.stderr}`.trim(), `ajv-cli on the ${schema} files`).toBe(data.map((d) => `${d} valid`).join('\n'));
      expect(run.status).toBe(0);
    }
  });

  it('PyYAML reads examples/acme exactly as okr does, and the data is valid against okr\'s schemas', (ctx) => {
    const python = requireClient(ctx, findPython(), ...PYYAML);
    const readings = readWithPyYaml(python, acme.map((f) => f.file));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    for (const name of ['okr', 'team', 'cycle'] as const) ajv.addSchema(JSON.parse(readFileSync(schemaPath(name), 'utf8')), name);
    for (const { file, schema } of acme) {
      const reading = readings[file]!;
      const where = relative(PROJECT_ROOT, file);
      expect(reading.error, where).toBeUndefined();
      expect(reading.odd, `${where}: values a YAML 1.1 reader turns into something other than okr's strings and numbers`).toEqual([]);
      expect(reading.data, `${where}: PyYAML and okr (yaml, YAML 1.2 core) read different data`).toEqual(parse(readFileSync(file, 'utf8')));
      const valid = ajv.validate(schema, reading.data);
      expect(ajv.errors ?? [], where).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('PyYAML reads no date object in any example, even in examples/broken', (ctx) => {
    const python = requireClient(ctx, findPython(), ...PYYAML);
    const files = [...acme, ...goalFiles('broken')].map((f) => f.file);
    expect(files.length).toBeGreaterThan(40);
    const readings = readWithPyYaml(python, files);
    const dates = Object.entries(readings).flatMap(([file, r]) =>
      (r.odd ?? []).filter((o) => /date/.test(o.type)).map((o) => `${relative(PROJECT_ROOT, file)}#${o.pointer}: ${o.type} ${o.value}`),
    );
    expect(dates).toEqual([]);
    // The broken example's unparsable file is unparsable here too: the reader really ran on every file.
    expect(readings[join(EXAMPLES, 'broken/teams/mobile/2026-Q4.yaml')]!.error).toMatch(/mapping values are not allowed here/);
  });
});

describe('what okr init writes, in YAML 1.1 readers (SPEC 9: dates okr writes are quoted)', () => {
  async function initialised(): Promise<{ file: string; schema: SchemaName }[]> {
    const dir = tempDir();
    const init = await okr(['init', '-C', dir, '--cycle', '2026-Q4', '--team', 'payments']);
    expect(init.code).toBe(0);
    return goalFiles('', dir);
  }

  it('ajv-cli finds every file okr init writes valid against okr\'s schemas', async () => {
    const files = await initialised();
    expect(files.map((f) => f.schema).sort()).toEqual(['cycle', 'okr', 'team']);
    for (const { file, schema } of files) {
      const args = [AJV_CLI, 'validate', '--spec=draft2020', '--all-errors', '--errors=line', '-s', schemaPath(schema), '-d', file];
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(`${run.stdout}${run.stderr}`.trim(), `ajv-cli on ${basename(file)}`).toBe(`${file} valid`);
      expect(run.status).toBe(0);
    }
  });

  it('PyYAML reads the cycle dates okr init writes as the strings okr reads', async (ctx) => {
    const python = requireClient(ctx, findPython(), ...PYYAML);
    const files = await initialised();
    const readings = readWithPyYaml(python, files.map((f) => f.file));
    for (const { file } of files) {
      expect(readings[file]!.odd, basename(file)).toEqual([]);
      expect(readings[file]!.data, basename(file)).toEqual(parse(readFileSync(file, 'utf8')));
    }
    const config = files.find((f) => f.schema === 'okr')!.file;
    expect(readings[config]!.data).toMatchObject({ cycles: [{ id: '2026-Q4', start: '2026-10-01', end: '2026-12-31' }] });
  });
});
