// Keras's keras.ops.numpy: one line per family file.
export { add, divide, divideNoNan, floorDivide, fmax, fmin, fmod, maximum, minimum, mod, multiply, negative, power, reciprocal, subtract, trueDivide } from './arithmetic';
export { all, amax, amin, any, argmax, argmin, countNonzero, max, mean, min, prod, ptp, sum } from './reductions';
export { abs, absolute, cbrt, exp, exp2, expm1, fabs, log, log10, log1p, log2, sign, signbit, sqrt, square } from './unary-math';
export { arccos, arccosh, arcsin, arcsinh, arctan, arctan2, arctanh, cos, cosh, deg2rad, i0, rad2deg, sin, sinc, sinh, tan, tanh } from './trigonometric';
export { gcd, heaviside, hypot, lcm, ldexp, logaddexp, logaddexp2, nextafter } from './binary-math';
export { allclose, equal, greater, greaterEqual, isclose, isfinite, isin, isinf, isnan, isneginf, isposinf, less, lessEqual, notEqual } from './comparison';
export { logicalAnd, logicalNot, logicalOr, logicalXor } from './logical';
export { bitwiseAnd, bitwiseInvert, bitwiseLeftShift, bitwiseNot, bitwiseOr, bitwiseRightShift, bitwiseXor, leftShift, rightShift } from './bitwise';
export { ceil, clip, floor, nanToNum, round, trunc } from './rounding';
export { angle, conj, conjugate, imag, isreal, real } from './complex-parts';
export { bartlett, blackman, hamming, hanning, kaiser } from './windows';
export { average, corrcoef, median, percentile, quantile, std, varOp as var } from './statistics';
export { nanargmax, nanargmin, nanmax, nanmean, nanmedian, nanmin, nanpercentile, nanprod, nanquantile, nanstd, nansum, nanvar } from './nan-reductions';
export { cumprod, cumsum, nancumprod, nancumsum } from './cumulative';
