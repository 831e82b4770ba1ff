import { isInteractiveLoggingEnabled } from './interactive-logging';
import { defaultOutput, type TextOutput } from './output';
import { formatExponent, formatFixed } from './python-format';

export interface ProgbarOptions {
  /** Total steps, or null when unknown (`%7d/Unknown` is drawn). */
  target: number | null;
  /** The bar's width in characters. Default `20`. */
  width?: number;
  /** 0 silent, 1 a bar redrawn in place, 2 one line when the bar finishes. Default `1`. */
  verbose?: 0 | 1 | 2;
  /** Minimum seconds between two redraws (Keras: 0.05). */
  interval?: number;
  /** The unit shown after the time per unit (`ms/step`). Default `'step'`. */
  unitName?: string;
  /** Where the bar is written. Default: stdout in Node, the console in a browser. */
  output?: TextOutput;
  /** Clock in seconds; tests pass a fake one. */
  now?: () => number;
}

const bold = (text: string) => `\x1b[1m${text}\x1b[0m`;

/** Python's `'%{digits}d' % value`: right-aligned in `digits` columns. */
function padded(value: number, digits: number): string {
  return String(value).padStart(digits, ' ');
}

/**
 * Keras 3's `keras.utils.Progbar`, drawn the same way: on a terminal one line
 * redrawn in place with a carriage return, at most every `interval` seconds;
 * elsewhere (or with verbose 2) one summary line when the bar finishes. With
 * interactive logging disabled (`config.disableInteractiveLogging()`), verbose 1
 * writes each update as a line of its own, uncoloured, as Keras's log messages.
 *
 * One deliberate difference: Keras averages each metric again over the steps
 * it has drawn. Strata's batch logs are already running means (as Keras 3's
 * are), and averaging them again would read the device at every batch, so the
 * bar shows the values as given. At the end both show the epoch logs as given.
 */
export class Progbar {
  target: number | null;
  private readonly width: number;
  private readonly verbose: 0 | 1 | 2;
  private readonly interval: number;
  private readonly unitName: string;
  private readonly output: TextOutput;
  private readonly givenOutput: TextOutput | undefined;
  private readonly now: () => number;
  private readonly dynamicDisplay: boolean;
  private readonly start: number;
  // Keras starts from 0 on a clock of epoch seconds: the first update always draws.
  private lastUpdate = Number.NEGATIVE_INFINITY;
  private timeAfterFirstStep: number | undefined;
  private previousWidth = 0;
  private readonly order: string[] = [];

  constructor(options: ProgbarOptions) {
    this.target = options.target;
    this.width = options.width ?? 20;
    this.verbose = options.verbose ?? 1;
    this.interval = options.interval ?? 0.05;
    this.unitName = options.unitName ?? 'step';
    this.givenOutput = options.output;
    this.output = options.output ?? defaultOutput();
    this.now = options.now ?? (() => performance.now() / 1000);
    this.dynamicDisplay = this.output.isTTY === true;
    this.start = this.now();
  }

  /**
   * Draws step `current` (1-based) with `values`. Values are read only when a
   * line is drawn, so lazy batch logs cost nothing between redraws.
   */
  update(current: number, values: Record<string, number> = {}, finalize?: boolean): void {
    finalize ??= this.target !== null && current >= this.target;
    // Keras 3's logs reach the bar with sorted keys (its tree utilities sort dicts).
    for (const key of Object.keys(values).sort()) {
      if (!this.order.includes(key)) this.order.push(key);
    }
    const now = this.now();
    const timePerUnit = this.estimateStepDuration(current, now);
    if (this.verbose === 1 && !isInteractiveLoggingEnabled()) {
      // Keras's absl-logging mode: every (throttled) update is one message, so one whole line; nothing is redrawn.
      if (now - this.lastUpdate < this.interval && !finalize) return;
      const { visibleBar, info } = this.lineParts(current, values, finalize, now, timePerUnit);
      this.writeLine(visibleBar + info);
    } else if (this.verbose === 1 && this.dynamicDisplay) {
      if (now - this.lastUpdate < this.interval && !finalize) return;
      this.drawDynamic(current, values, finalize, now, timePerUnit);
    } else if (this.verbose !== 0 && finalize && this.target !== null && this.target > 0) {
      // verbose 2, or verbose 1 without a terminal: redrawing in place would fill a log file with lines.
      this.drawSummary(current, values, now, timePerUnit);
    }
    this.lastUpdate = now;
  }

  /** The bar (with and without its colours) and the text after it: time, time per step, values. */
  private lineParts(current: number, values: Record<string, number>, finalize: boolean, now: number, timePerUnit: number) {
    let bar: string;
    let visibleBar: string;
    if (this.target !== null && this.target > 0) {
      const count = `${padded(current, String(this.target).length)}/${this.target}`;
      const progressWidth = Math.floor((this.width * current) / this.target);
      const done = '━'.repeat(progressWidth);
      const remaining = '━'.repeat(this.width - progressWidth);
      bar = `${bold(count)} ` + (progressWidth > 0 ? `\x1b[32m${done}\x1b[0m` : '') + `\x1b[37m${remaining}\x1b[0m`;
      visibleBar = `${count} ${done}${remaining}`;
    } else {
      bar = `${padded(current, 7)}/Unknown`;
      visibleBar = bar;
    }
    let time: string;
    if (this.target !== null && this.target > 0 && !finalize) {
      time = this.formatEta(timePerUnit * (this.target - current));
    } else {
      time = `${formatFixed(now - this.start, 0)}s`;
    }
    const info = ` ${time}${this.formatTime(timePerUnit)}${this.formatValues(values, (value) => Math.abs(value) > 1e-3)}`;
    return { bar, visibleBar, time, info };
  }

  private drawDynamic(current: number, values: Record<string, number>, finalize: boolean, now: number, timePerUnit: number): void {
    const { bar, visibleBar, time, info } = this.lineParts(current, values, finalize, now, timePerUnit);
    const visibleWidth = visibleBar.length + info.length;
    let message = `\r${bar}${info.replace(` ${time}`, ` ${bold(time)}`)}`;
    // Blank out what is left of a longer previous line.
    if (this.previousWidth > visibleWidth) message += ' '.repeat(this.previousWidth - visibleWidth);
    if (finalize) message += '\n';
    this.output.write(message);
    this.previousWidth = visibleWidth;
  }

  private drawSummary(current: number, values: Record<string, number>, now: number, timePerUnit: number): void {
    const target = this.target as number;
    const count = `${padded(current, String(target).length)}/${target}`;
    // Keras's verbose-2 line compares the signed value with 1e-3 (not its absolute value); kept for identical output.
    const metrics = this.formatValues(values, (value) => value > 1e-3);
    this.writeLine(`${count} - ${formatFixed(now - this.start, 0)}s -${this.formatTime(timePerUnit)}${metrics}`);
  }

  /** One whole line: to the output, or with interactive logging disabled and no output given, to `console.info`. */
  private writeLine(line: string): void {
    if (this.givenOutput === undefined && !isInteractiveLoggingEnabled()) console.info(line);
    else this.output.write(`${line}\n`);
  }

  private formatValues(values: Record<string, number>, useFixed: (value: number) => boolean): string {
    let text = '';
    for (const key of this.order) {
      if (!(key in values)) continue;
      const value = Number(values[key]);
      text += ` - ${key}: ${useFixed(value) || !Number.isFinite(value) ? formatFixed(value, 4) : formatExponent(value, 4)}`;
    }
    return text;
  }

  private formatEta(eta: number): string {
    const whole = Math.floor(eta);
    if (eta > 3600) {
      const minutes = String(Math.floor((whole % 3600) / 60)).padStart(2, '0');
      return `${Math.floor(whole / 3600)}:${minutes}:${String(whole % 60).padStart(2, '0')}`;
    }
    if (eta > 60) return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
    return `${whole}s`;
  }

  private formatTime(timePerUnit: number): string {
    if (timePerUnit >= 1 || timePerUnit === 0) return ` ${formatFixed(timePerUnit, 0)}s/${this.unitName}`;
    if (timePerUnit >= 1e-3) return ` ${formatFixed(timePerUnit * 1000, 0)}ms/${this.unitName}`;
    return ` ${formatFixed(timePerUnit * 1e6, 0)}us/${this.unitName}`;
  }

  /** Keras ignores the first step (compilation, warm-up) once later steps exist. */
  private estimateStepDuration(current: number, now: number): number {
    if (!current) return 0;
    const timePerUnit =
      this.timeAfterFirstStep !== undefined && current > 1
        ? (now - this.timeAfterFirstStep) / (current - 1)
        : (now - this.start) / current;
    if (current === 1) this.timeAfterFirstStep = now;
    return timePerUnit;
  }
}
