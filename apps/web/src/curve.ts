/**
 * The live learning curve: loss and accuracy panels against epochs, drawn
 * with the same Vega-Lite spec as the examples' PNG figures
 * (`@strata/examples/pictures/charts`), redrawn on the page's canvas each
 * time a point arrives. The charting library (Vega) is loaded on the first
 * draw, in its own chunk, so the page's first paint does not wait for it. A redraw that is asked for while one is running is
 * folded into the next, so a fast training loop never queues renders.
 */
import { type CurveRow, learningCurvesSpec } from '@strata/examples/pictures/charts';
import type { CurvePoint } from './train';

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
        .map((quantity) => ({ quantity, epoch: point.epoch, value: point[quantity], set: 'train' as const })),
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
    const { width, height } = this.canvas;
    // Two panels side by side; the axes, titles and legend take about 90 × 70 pixels around each.
    const spec = learningCurvesSpec(this.rows(), { epochs: this.epochs, panelWidth: Math.max(80, width / 2 - 90), panelHeight: Math.max(60, height - 90) });
    const { chartView } = await import('@strata/examples/pictures/render');
    const view = await chartView(spec);
    try {
      const rendered = await view.toCanvas();
      const context = this.canvas.getContext('2d')!;
      context.fillStyle = 'white';
      context.fillRect(0, 0, width, height);
      const scale = Math.min(1, width / rendered.width, height / rendered.height);
      context.drawImage(rendered, 0, 0, rendered.width * scale, rendered.height * scale);
    } finally {
      view.finalize();
    }
  }
}
