// import() of a package that is only an ES module, as the running build can do it. In dist/'s ES
// modules it is import() itself. okr's bundle is CommonJS compiled with V8's code cache, and there
// import() cannot work (a script from a code cache has nothing to resolve it with), so bin/okr.js
// lends the bundle its own import() (cli/main.ts).

export type Importer = (specifier: string) => Promise<unknown>;

let importer: Importer = (specifier) => import(specifier);

export function lendImporter(lent: Importer): void {
  importer = lent;
}

export function importEsm<T>(specifier: string): Promise<T> {
  return importer(specifier) as Promise<T>;
}
