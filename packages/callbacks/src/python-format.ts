/**
 * The part of Python's string formatting that Keras's file names, progress
 * bar and CSV files rely on, so that Strata writes the same text:
 * `str.format` templates (`weights.{epoch:02d}-{val_loss:.2f}.keras`) with the
 * format-spec subset fill/align, sign, zero padding, width, precision and the
 * types d, f, e, g, %; and `repr` of a float.
 */

function nonFinite(value: number): string | undefined {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return undefined;
}

/** JavaScript writes `1e-7`, Python `1e-07`: exponents have at least two digits. */
function pythonExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's `f'{value:.{digits}e}'`. */
export function formatExponent(value: number, digits: number): string {
  return nonFinite(value) ?? pythonExponent(value.toExponential(digits));
}

/**
 * Python's `f'{value:.{digits}f}'`. Both round the exact binary value, but on
 * an exact tie (0.5, 0.125) Python rounds half to even where `toFixed` rounds
 * up: `f'{0.5:.0f}'` is '0', `(0.5).toFixed(0)` is '1'.
 */
export function formatFixed(value: number, digits: number): string {
  const special = nonFinite(value);
  if (special) return special;
  const magnitude = Math.abs(value);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  // toFixed with many digits gives the exact decimal expansion of the double.
  const exact = magnitude.toFixed(Math.min(100, digits + 30));
  const point = exact.indexOf('.');
  const kept = exact.slice(0, digits > 0 ? point + 1 + digits : point);
  if (/^50*$/.test(exact.slice(point + 1 + digits))) {
    const lastDigit = Number(kept[kept.length - 1]);
    if (lastDigit % 2 === 0) return sign + kept;
  }
  return sign + magnitude.toFixed(digits);
}

/** Python's `f'{value:.{precision}g}'`, trailing zeros removed unless `keepZeros` (the `#` flag). */
export function formatGeneral(value: number, precision: number, keepZeros = false): string {
  const special = nonFinite(value);
  if (special) return special;
  const significant = precision === 0 ? 1 : precision;
  const [, exponentText] = value.toExponential(significant - 1).split('e');
  const exponent = Number(exponentText);
  let text: string;
  if (exponent >= -4 && exponent < significant) {
    text = value.toFixed(significant - 1 - exponent);
  } else {
    text = pythonExponent(value.toExponential(significant - 1));
  }
  if (keepZeros) return text;
  // Python strips trailing zeros (and a bare point) from the mantissa only.
  const [mantissa, exponentPart] = text.split('e');
  const stripped = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponentPart === undefined ? stripped : `${stripped}e${exponentPart}`;
}

/** Python's `repr(float)`: shortest round-trip digits, exponent when below 1e-4 or from 1e16. */
export function formatFloatRepr(value: number): string {
  const special = nonFinite(value);
  if (special) return special;
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    return pythonExponent(`${mantissa}e${exponentText.startsWith('-') ? '' : '+'}${exponentText.replace('+', '')}`);
  }
  const text = String(value);
  return Number.isInteger(value) ? `${text}.0` : text;
}

const specPattern = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?(,)?(?:\.(\d+))?([dfFeEgG%sn])?$/;

/**
 * Formats one number with a Python format spec (`02d`, `.2f`, `>8.3e`...).
 * Throws, naming the spec, for the parts of the mini-language not supported.
 */
export function formatNumber(value: number, spec: string, isInteger = Number.isInteger(value)): string {
  const match = specPattern.exec(spec);
  if (!match) throw new Error(`Unsupported format spec "${spec}" for the value ${value}.`);
  const [, fillChar, align, sign, alternate, zero, widthText, grouping, precisionText, type] = match;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  let body: string;
  const magnitude = Math.abs(value);
  switch (type) {
    case 'd':
    case 'n':
      if (!Number.isInteger(value)) {
        throw new Error(`Unknown format code 'd' for the non-integer value ${value} (format spec "${spec}").`);
      }
      body = String(magnitude);
      break;
    case 'f':
    case 'F':
      body = formatFixed(magnitude, precision ?? 6);
      break;
    case 'e':
    case 'E':
      body = formatExponent(magnitude, precision ?? 6);
      break;
    case 'g':
    case 'G':
      body = formatGeneral(magnitude, precision ?? 6, alternate !== undefined);
      break;
    case '%':
      body = formatFixed(magnitude * 100, precision ?? 6) + '%';
      break;
    default:
      // No type: integers print as integers, floats as repr (or general format with a precision).
      if (isInteger) body = String(magnitude);
      else body = precision === undefined ? formatFloatRepr(magnitude) : formatGeneral(magnitude, precision);
  }
  if (type === 'E' || type === 'G' || type === 'F') body = body.toUpperCase();
  if (grouping) {
    const [whole, fraction] = body.split('.');
    body = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
  }
  const negative = value < 0 || Object.is(value, -0);
  const signText = negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
  const width = widthText === undefined ? 0 : Number(widthText);
  const padding = Math.max(0, width - signText.length - body.length);
  if (zero && !align) return signText + '0'.repeat(padding) + body;
  const fill = fillChar ?? ' ';
  switch (align ?? '>') {
    case '<':
      return signText + body + fill.repeat(padding);
    case '^':
      return fill.repeat(Math.floor(padding / 2)) + signText + body + fill.repeat(Math.ceil(padding / 2));
    case '=':
      return signText + fill.repeat(padding) + body;
    default:
      return fill.repeat(padding) + signText + body;
  }
}

/**
 * Python's `template.format(**values)` for numeric fields: `{name}` and
 * `{name:spec}`, with `{{` and `}}` for literal braces. `integers` names the
 * fields that are Python ints (`epoch`, `batch`), printed without `.0`.
 */
export function formatTemplate(template: string, values: Record<string, number>, integers: ReadonlySet<string> = new Set()): string {
  return template.replace(/\{\{|\}\}|\{([^{}:!]*)(?::([^{}]*))?\}/g, (whole, name: string | undefined, spec: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const key = name ?? '';
    if (!(key in values)) {
      throw new Error(
        `Failed to format the file path "${template}": no value named "${key}". Available: ${Object.keys(values).join(', ')}.`,
      );
    }
    const value = values[key];
    return formatNumber(value, spec ?? '', integers.has(key));
  });
}
