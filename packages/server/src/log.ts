/** A tiny structured logger: JSON lines, never personal data (callers pass only safe fields). */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const emit = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Drops info lines (tests); warnings and errors still go to stderr. */
export function quietLogger(): Logger {
  const err = jsonLogger((l) => process.stderr.write(l + '\n'));
  return { info: () => {}, warn: err.warn, error: err.error };
}

/** Keeps every line in memory (tests asserting what was logged). */
export function memoryLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = jsonLogger((l) => lines.push(JSON.parse(l)));
  return { ...log, lines };
}
