/**
 * A tiny RGB raster: rectangles, lines, grayscale images and text in the
 * built-in bitmap font, written out as PNG with the datasets package's encoder.
 */
import { datasets } from '@strata/keras';
import { ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './font';

export type Color = readonly [number, number, number];

export const WHITE: Color = [255, 255, 255];
export const BLACK: Color = [0, 0, 0];
export const GRAY: Color = [170, 170, 170];
export const LIGHT_GRAY: Color = [225, 225, 225];
export const BLUE: Color = [31, 119, 180];
export const ORANGE: Color = [255, 127, 14];
export const GREEN: Color = [0, 160, 0];
export const RED: Color = [220, 0, 0];

export class Canvas {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Color = WHITE,
  ) {
    this.data = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  setPixel(x: number, y: number, color: Color): void {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const offset = (py * this.width + px) * 3;
    this.data[offset] = color[0];
    this.data[offset + 1] = color[1];
    this.data[offset + 2] = color[2];
  }

  getPixel(x: number, y: number): Color {
    const offset = (y * this.width + x) * 3;
    return [this.data[offset], this.data[offset + 1], this.data[offset + 2]];
  }

  fillRect(x: number, y: number, width: number, height: number, color: Color): void {
    const left = Math.round(x);
    const top = Math.round(y);
    for (let row = top; row < top + height; row++) {
      for (let column = left; column < left + width; column++) this.setPixel(column, row, color);
    }
  }

  /** The outline of a rectangle, `thickness` pixels inwards. */
  strokeRect(x: number, y: number, width: number, height: number, color: Color, thickness = 1): void {
    this.fillRect(x, y, width, thickness, color);
    this.fillRect(x, y + height - thickness, width, thickness, color);
    this.fillRect(x, y, thickness, height, color);
    this.fillRect(x + width - thickness, y, thickness, height, color);
  }

  /** A straight line (Bresenham), `thickness` pixels wide. */
  line(x0: number, y0: number, x1: number, y1: number, color: Color, thickness = 1): void {
    let x = Math.round(x0);
    let y = Math.round(y0);
    const xEnd = Math.round(x1);
    const yEnd = Math.round(y1);
    const dx = Math.abs(xEnd - x);
    const dy = -Math.abs(yEnd - y);
    const stepX = x < xEnd ? 1 : -1;
    const stepY = y < yEnd ? 1 : -1;
    let error = dx + dy;
    const half = Math.floor((thickness - 1) / 2);
    for (;;) {
      this.fillRect(x - half, y - half, thickness, thickness, color);
      if (x === xEnd && y === yEnd) return;
      const doubled = 2 * error;
      if (doubled >= dy) {
        error += dy;
        x += stepX;
      }
      if (doubled <= dx) {
        error += dx;
        y += stepY;
      }
    }
  }

  /** A filled square marker centred on (x, y). */
  dot(x: number, y: number, color: Color, size = 5): void {
    const half = Math.floor(size / 2);
    this.fillRect(Math.round(x) - half, Math.round(y) - half, size, size, color);
  }

  /**
   * Draws an 8-bit grayscale image (row-major, `height × width`) scaled up by
   * `scale`; `invert` draws dark ink on white as matplotlib's `cm.binary`.
   */
  drawGray(pixels: ArrayLike<number>, width: number, height: number, x: number, y: number, scale = 1, invert = false): void {
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        const value = Math.max(0, Math.min(255, Math.round(pixels[row * width + column])));
        const shade = invert ? 255 - value : value;
        this.fillRect(x + column * scale, y + row * scale, scale, scale, [shade, shade, shade]);
      }
    }
  }

  /** Text in the 5×7 font, its top-left corner at (x, y). */
  text(text: string, x: number, y: number, color: Color = BLACK, scale = 1): void {
    x = Math.round(x);
    y = Math.round(y);
    for (let index = 0; index < text.length; index++) {
      const rows = glyph(text[index]);
      const left = x + index * ADVANCE * scale;
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        for (let column = 0; column < GLYPH_WIDTH; column++) {
          if (rows[row] & (1 << (GLYPH_WIDTH - 1 - column))) {
            this.fillRect(left + column * scale, y + row * scale, scale, scale, color);
          }
        }
      }
    }
  }

  /** Text rotated a quarter turn counter-clockwise (for a vertical axis label), reading bottom to top from (x, y). */
  verticalText(text: string, x: number, y: number, color: Color = BLACK, scale = 1): void {
    for (let index = 0; index < text.length; index++) {
      const rows = glyph(text[index]);
      const bottom = y - index * ADVANCE * scale;
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        for (let column = 0; column < GLYPH_WIDTH; column++) {
          if (rows[row] & (1 << (GLYPH_WIDTH - 1 - column))) {
            this.fillRect(x + row * scale, bottom - (column + 1) * scale, scale, scale, color);
          }
        }
      }
    }
  }

  /** The picture as PNG bytes. */
  toPng(): Promise<Uint8Array> {
    return datasets.encodePng({ width: this.width, height: this.height, channels: 3, data: this.data });
  }

  /** Writes the picture as a PNG file and returns its path. */
  async save(path: string): Promise<string> {
    const fs = await import('node:fs');
    await fs.promises.writeFile(path, await this.toPng());
    return path;
  }
}
