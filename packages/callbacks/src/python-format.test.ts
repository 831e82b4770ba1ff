import { describe, expect, it } from 'vitest';
import { formatFloatRepr, formatGeneral, formatNumber, formatTemplate } from './python-format';

// Expected strings are what CPython 3 prints for the same format call.
describe('Python formatting', () => {
  it.each([
    [5, '02d', '05'],
    [123, '02d', '123'],
    [-5, '03d', '-05'],
    [0.123456, '.2f', '0.12'],
    [2.675, '.2f', '2.67'],
    [1.5, '.2f', '1.50'],
    [0.000123456, '.3e', '1.235e-04'],
    [12345.678, 'e', '1.234568e+04'],
    [0.0001234, 'g', '0.0001234'],
    [0.00001234, 'g', '1.234e-05'],
    [1234567, 'g', '1.23457e+06'],
    [100, '.3g', '100'],
    [0.5, '.1%', '50.0%'],
    [3.14259, '8.3f', '   3.143'],
    [3.14259, '<8.2f', '3.14    '],
    [3.14259, '*^9.2f', '**3.14***'],
    [42, '+d', '+42'],
    [1234567.891, ',.2f', '1,234,567.89'],
    [Number.NaN, '.2f', 'nan'],
    [0.5, '.0f', '0'],
    [1.5, '.0f', '2'],
    [2.5, '.0f', '2'],
    [0.125, '.2f', '0.12'],
    [0.375, '.2f', '0.38'],
    [-0.5, '.0f', '-0'],
    [0.51, '.0f', '1'],
  ])('format(%s, %j) is %j', (value, spec, expected) => {
    expect(formatNumber(value, spec)).toBe(expected);
  });

  it('writes floats as repr does', () => {
    expect(formatFloatRepr(0.1)).toBe('0.1');
    expect(formatFloatRepr(1)).toBe('1.0');
    expect(formatFloatRepr(1e-7)).toBe('1e-07');
    expect(formatFloatRepr(0.00012)).toBe('0.00012');
    expect(formatFloatRepr(1.5e-5)).toBe('1.5e-05');
    expect(formatFloatRepr(1e16)).toBe('1e+16');
    expect(formatFloatRepr(123456789.5)).toBe('123456789.5');
    expect(formatGeneral(0.5, 6, true)).toBe('0.500000');
  });

  it('fills templates as str.format does', () => {
    expect(formatTemplate('weights.{epoch:02d}-{val_loss:.2f}.keras', { epoch: 3, val_loss: 0.4567 }, new Set(['epoch']))).toBe(
      'weights.03-0.46.keras',
    );
    expect(formatTemplate('{{literal}}-{epoch}-{loss}', { epoch: 2, loss: 1 }, new Set(['epoch']))).toBe('{literal}-2-1.0');
    expect(() => formatTemplate('{val_acc:.2f}.keras', { epoch: 1 })).toThrow(/no value named "val_acc"/);
    expect(() => formatTemplate('{loss:02d}.keras', { loss: 0.5 })).toThrow(/Unknown format code 'd'/);
  });
});
