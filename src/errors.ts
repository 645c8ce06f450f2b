// The few kinds of failure okr knows. Only cli.ts turns them into exit codes and messages.
// Findings about goal files are data (see model/findings.ts), not errors.

/** Exit codes: the contract of SPEC section 7. */
export const ExitCode = {
  ok: 0,
  dataError: 1,
  usage: 2,
  changed: 3,
  /** A bug in okr (SPEC 9): sysexits' EX_SOFTWARE, so a CI job can tell a crash from findings. */
  internal: 70,
} as const;

/** A failure the user can fix; `hint` is the one line on how. */
export class OkrError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = ExitCode.dataError,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments, or no workspace: exit 2. */
export class UsageError extends OkrError {
  constructor(message: string, hint?: string) {
    super(message, hint, ExitCode.usage);
  }
}

/** The command could not do what was asked on this data (unknown ref, dirty file, not a repo): exit 1. */
export class DataError extends OkrError {
  constructor(message: string, hint?: string) {
    super(message, hint, ExitCode.dataError);
  }
}
