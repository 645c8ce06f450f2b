// okr completion SHELL: prints the shell script that completes okr's commands, options, goals,
// teams and cycles. The implementation is src/commands/completion.ts.
import { Argument, Command } from '@commander-js/extra-typings';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function completionCommand() {
  return new Command('completion')
    .description('print the script that completes okr commands, options, goal refs, team ids and cycles in your shell')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish'] as const))
    .addHelpText(
      'after',
      `
Load it in the shell you are in, or install it for every new one:
  bash   source <(okr completion bash)
         okr completion bash > ~/.local/share/bash-completion/completions/okr
  zsh    source <(okr completion zsh)
         okr completion zsh > "\${fpath[1]}/_okr"
  fish   okr completion fish | source
         okr completion fish > ~/.config/fish/completions/okr.fish

Goals complete a level at a time: "okr show pay<TAB>" gives payments/, then its objectives,
then their key results. The script runs "okr", so okr must be on your PATH (npm link).`,
    );
}

export type CompletionArguments = ArgumentsOf<ReturnType<typeof completionCommand>>;
export type CompletionOptions = OptionsOf<ReturnType<typeof completionCommand>>;
