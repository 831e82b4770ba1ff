/**
 * Keras's interactive logging switch (`keras.config.enable_interactive_logging` and the rest): global state, as
 * in Keras, read when a message is written. Enabled (the default), progress bars redraw in place on a terminal and
 * messages go to stdout. Disabled, Keras hands each message to absl logging instead; Strata writes each one as a
 * whole line with no redrawing, to `console.info` (the logging channel here), or to the `output` a callback or
 * progress bar was given.
 */
let interactive = true;

/** Progress bars and messages go to stdout, the bar redrawn in place (the default). */
export function enableInteractiveLogging(): void {
  interactive = true;
}

/** Progress bars and messages are written line by line, each update one line, to the logging channel. */
export function disableInteractiveLogging(): void {
  interactive = false;
}

/** Whether interactive logging is on. */
export function isInteractiveLoggingEnabled(): boolean {
  return interactive;
}
