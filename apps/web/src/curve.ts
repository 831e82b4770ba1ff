/**
 * The live learning curve: loss (left axis, blue) and accuracy (right axis,
 * 0..1, orange) against epochs, drawn on a canvas each time a point arrives.
 */
import type { CurvePoint } from './train';

const MARGIN = { left: 46, right: 46, top: 16, bottom: 30 };
const LOSS_COLOUR = '#3461c1';
const ACCURACY_COLOUR = '#d6704a';

export class LearningCurve {
  private points: CurvePoint[] = [];
  private epochs = 1;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.draw();
  }

  reset(epochs: number): void {
    this.points = [];
    this.epochs = Math.max(1, epochs);
    this.draw();
  }

  add(point: CurvePoint): void {
    this.points.push(point);
    this.draw();
  }

  get length(): number {
    return this.points.length;
  }

  private draw(): void {
    const context = this.canvas.getContext('2d')!;
    const { width, height } = this.canvas;
    const plotWidth = width - MARGIN.left - MARGIN.right;
    const plotHeight = height - MARGIN.top - MARGIN.bottom;
    const maxLoss = Math.max(0.5, ...this.points.map((p) => p.loss).filter(Number.isFinite)) * 1.05;
    const x = (epoch: number) => MARGIN.left + (epoch / this.epochs) * plotWidth;
    const yLoss = (loss: number) => MARGIN.top + (1 - loss / maxLoss) * plotHeight;
    const yAccuracy = (accuracy: number) => MARGIN.top + (1 - accuracy) * plotHeight;

    context.clearRect(0, 0, width, height);
    context.font = '11px system-ui, sans-serif';
    context.strokeStyle = '#e3e6ec';
    context.fillStyle = '#5b6577';
    context.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = MARGIN.top + (i / 4) * plotHeight;
      context.beginPath();
      context.moveTo(MARGIN.left, y);
      context.lineTo(width - MARGIN.right, y);
      context.stroke();
      context.textAlign = 'right';
      context.fillText((maxLoss * (1 - i / 4)).toFixed(2), MARGIN.left - 4, y + 4);
      context.textAlign = 'left';
      context.fillText((1 - i / 4).toFixed(2), width - MARGIN.right + 4, y + 4);
    }
    context.textAlign = 'center';
    for (let epoch = 0; epoch <= this.epochs; epoch++) context.fillText(String(epoch), x(epoch), height - MARGIN.bottom + 14);
    context.fillText('epoch', MARGIN.left + plotWidth / 2, height - 4);
    context.fillStyle = LOSS_COLOUR;
    context.textAlign = 'left';
    context.fillText('loss', 4, 11);
    context.fillStyle = ACCURACY_COLOUR;
    context.textAlign = 'right';
    context.fillText('accuracy', width - 4, 11);

    this.line(context, LOSS_COLOUR, (p) => [x(p.epoch), yLoss(p.loss)]);
    this.line(context, ACCURACY_COLOUR, (p) => [x(p.epoch), yAccuracy(p.accuracy)]);
  }

  private line(context: CanvasRenderingContext2D, colour: string, at: (point: CurvePoint) => [number, number]): void {
    const points = this.points.map(at).filter(([, y]) => Number.isFinite(y));
    context.strokeStyle = colour;
    context.fillStyle = colour;
    context.lineWidth = 2;
    context.beginPath();
    points.forEach(([px, py], i) => (i === 0 ? context.moveTo(px, py) : context.lineTo(px, py)));
    context.stroke();
    for (const [px, py] of points) context.fillRect(px - 2, py - 2, 4, 4);
  }
}
