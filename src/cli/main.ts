// What bin/okr.js runs (through okr's bundle, see bundle.ts): okr on this process's arguments,
// streams and signals. `importer` is bin/okr.js's own import(), lent to the bundle (esm-import.ts).
import { endAsSignalled, processEnvironment } from '../env.js';
import { lendImporter, type Importer } from '../esm-import.js';
import { run } from './run.js';

export async function main(argv: readonly string[], importer?: Importer): Promise<void> {
  if (importer) lendImporter(importer);
  process.exitCode = await run(argv, processEnvironment());
  endAsSignalled();
}
