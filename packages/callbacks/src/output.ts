import { isInteractiveLoggingEnabled } from './interactive-logging';

/**
 * Where progress bars and callback messages go. Node's `process.stdout`
 * satisfies it; tests pass a recorder. `isTTY` decides whether the progress
 * bar may redraw its line in place.
 */
export interface TextOutput {
  write(text: string): void;
  readonly isTTY?: boolean;
}

/**
 * In a browser there is no stdout: whole lines go to `console.log`, and a
 * line that is still being drawn waits for its newline.
 */
class ConsoleOutput implements TextOutput {
  readonly isTTY = false;
  private pending = '';

  write(text: string): void {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) console.log(line);
  }
}

let consoleOutput: ConsoleOutput | undefined;

/** `process.stdout` under Node (read through globalThis, so no node: import), else the console. */
export function defaultOutput(): TextOutput {
  const stdout = (globalThis as { process?: { stdout?: TextOutput } }).process?.stdout;
  if (stdout && typeof stdout.write === 'function') return stdout;
  consoleOutput ??= new ConsoleOutput();
  return consoleOutput;
}

/**
 * Keras's `io_utils.print_msg`: one message and a line break, to `output` (by default stdout). With interactive
 * logging disabled and no `output` given, the message goes to the logging channel, `console.info`, as Keras's
 * goes to absl logging.
 */
export function printMessage(message: string, output?: TextOutput): void {
  if (output === undefined && !isInteractiveLoggingEnabled()) {
    console.info(message);
    return;
  }
  (output ?? defaultOutput()).write(message + '\n');
}
