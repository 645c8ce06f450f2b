// okr completion SHELL: prints the completion script for the shell (render/completion-scripts.ts).
import type { CompletionArguments, CompletionOptions } from '../definitions/completion.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { completionScript } from '../render/completion-scripts.js';

export default async function completion(env: Environment, [shell]: CompletionArguments, _options: CompletionOptions): Promise<number> {
  env.stdout.write(completionScript(shell));
  return ExitCode.ok;
}
