/**
 * The live learning curve: loss and accuracy panels against epochs, training
 * (every few batches) and validation (each epoch's end) as in the tutorials' plots, drawn
 * with the same Vega-Lite spec as the examples' PNG figures
 * (`@strata/examples/pictures/charts`), redrawn on the page's canvas each
 * time a point arrives. The charting library (Vega) is loaded on the first
 * draw, in its own chunk, so the page's first paint does not wait for it. A redraw that is asked for while one is running is
 * folded into the next, so a fast training loop never queues renders.
 */
import { type CurveRow, learningCurvesSpec } from '@strata/examples/pictures/charts';
import type { CurvePoint } from './train';

/** The chart's axis and legend labels, in CSS pixels. */
export const LABEL_FONT_SIZE = 12;

/** The width inside an element's padding, in CSS pixels (null before layout or without an element). */
function contentWidth(element: HTMLElement | null): number | null {
  if (!element || element.clientWidth === 0) return null;
  const style = getComputedStyle(element);
  return element.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
}

export class LearningCurve {
  private points: CurvePoint[] = [];
  private epochs = 1;
  private drawing: Promise<void> | null = null;
  private stale = false;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.redraw();
  }

  reset(epochs: number): void {
    this.points = [];
    this.epochs = Math.max(1, epochs);
    this.redraw();
  }

  add(point: CurvePoint): void {
    this.points.push(point);
    this.redraw();
  }

  get length(): number {
    return this.points.length;
  }

  /** Resolves when the curve shows every point added so far. */
  async settled(): Promise<void> {
    while (this.drawing) await this.drawing;
  }

  private rows(): CurveRow[] {
    return this.points.flatMap((point) =>
      (['loss', 'accuracy'] as const)
        .filter((quantity) => Number.isFinite(point[quantity]))
        .map((quantity) => ({ quantity, epoch: point.epoch, value: point[quantity], set: point.set })),
    );
  }

  private redraw(): void {
    if (this.drawing) {
      this.stale = true;
      return;
    }
    this.drawing = this.draw().finally(() => {
      this.drawing = null;
      if (this.stale) {
        this.stale = false;
        this.redraw();
      }
    });
  }

  private async draw(): Promise<void> {
    // Laid out for the width the canvas has on the page (CSS pixels), then drawn at the screen's pixel ratio, so
    // that the page shows the chart at its own size: 12-pixel labels stay 12 pixels. Two panels side by side; the
    // axes and titles take about 80 pixels beside each.
    const cssWidth = Math.max(240, contentWidth(this.canvas.parentElement) ?? this.canvas.width);
    const ratio = globalThis.devicePixelRatio || 1;
    const spec = {
      ...learningCurvesSpec(this.rows(), { epochs: this.epochs, panelWidth: Math.max(80, Math.floor(cssWidth / 2) - 80), panelHeight: 150 }),
      // Vega's 10-pixel defaults are hard to read on a page.
      config: { axis: { labelFontSize: LABEL_FONT_SIZE, titleFontSize: LABEL_FONT_SIZE }, legend: { labelFontSize: LABEL_FONT_SIZE }, title: { fontSize: 13 } },
    };
    const { chartView } = await import('@strata/examples/pictures/render');
    const view = await chartView(spec);
    try {
      const rendered = await view.toCanvas(ratio);
      this.canvas.width = rendered.width;
      this.canvas.height = rendered.height;
      this.canvas.style.width = `${rendered.width / ratio}px`;
      const context = this.canvas.getContext('2d')!;
      context.fillStyle = 'white';
      context.fillRect(0, 0, rendered.width, rendered.height);
      context.drawImage(rendered, 0, 0);
      // How large the page shows the chart (1: its own size); the end-to-end test refuses shrunk labels.
      this.canvas.dataset.scale = (this.canvas.getBoundingClientRect().width / (rendered.width / ratio)).toFixed(3);
    } finally {
      view.finalize();
    }
  }
}
