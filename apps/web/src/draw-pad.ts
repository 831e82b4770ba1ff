/**
 * The drawing canvas: white strokes on black, as MNIST's digits are. Calls
 * `onDrawn` when a stroke ends (pointer released or left the pad).
 */
import { greyFromRgba, toMnistPixels } from './preprocess';

export class DrawPad {
  private drawing = false;
  private readonly context: CanvasRenderingContext2D;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onDrawn: () => void,
  ) {
    this.context = canvas.getContext('2d', { willReadFrequently: true })!;
    this.clear();
    canvas.addEventListener('pointerdown', (event) => {
      this.drawing = true;
      canvas.setPointerCapture?.(event.pointerId);
      const [x, y] = this.position(event);
      this.context.beginPath();
      this.context.moveTo(x, y);
      this.context.lineTo(x + 0.01, y);
      this.context.stroke();
    });
    canvas.addEventListener('pointermove', (event) => {
      if (!this.drawing) return;
      const [x, y] = this.position(event);
      this.context.lineTo(x, y);
      this.context.stroke();
    });
    // A 'pointerup' also arrives from code that painted the pad itself (the e2e test paints real MNIST digits).
    const end = () => {
      this.drawing = false;
      this.onDrawn();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointerleave', () => this.drawing && end());
  }

  clear(): void {
    this.context.fillStyle = '#000';
    this.context.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.context.strokeStyle = '#fff';
    this.context.lineWidth = Math.round(this.canvas.width / 12);
    this.context.lineCap = 'round';
    this.context.lineJoin = 'round';
  }

  /** The drawing as 784 MNIST-style pixels in 0..1, or null when the pad is empty. */
  pixels(): Float32Array | null {
    const { width, height } = this.canvas;
    return toMnistPixels(greyFromRgba(this.context.getImageData(0, 0, width, height).data), width, height);
  }

  private position(event: PointerEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    return [
      ((event.clientX - rect.left) * this.canvas.width) / rect.width,
      ((event.clientY - rect.top) * this.canvas.height) / rect.height,
    ];
  }
}
