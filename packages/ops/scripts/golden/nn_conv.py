"""Golden cases for keras.ops.nn's convolutions and pooling (src/nn/conv.ts, conv-transpose.ts, pooling.ts, adaptive-pooling.ts)."""
import numpy as np

from golden_common import case, encode, ops, write

NOTE_DW = "Keras on torch 2.6 CPU gets channels_last depthwise convs wrong; recorded through Keras's channels_first call"
NOTE_CT = "torch 2.6 CPU's conv_transpose1d is wrong for stride 1; result from the definition, in NumPy float64"


def record(op, args, kwargs, result, note):
    return {"op": op, "namespace": "ops.nn", "args": encode(list(args)), "kwargs": encode(kwargs), "result": encode(result), "note": note}


def channels_last_via_first(op, x, *kernels, **kwargs):
    """Runs a channels_last depthwise/separable conv through Keras's channels_first path and records it as channels_last."""
    perm = (0, x.ndim - 1, *range(1, x.ndim - 1))
    back = (0, *range(2, x.ndim), 1)
    out = getattr(ops.nn, op)(x.transpose(perm).copy(), *kernels, data_format="channels_first", **kwargs)
    return record(op, (x, *kernels), kwargs, np.asarray(ops.convert_to_numpy(out)).transpose(back).copy(), NOTE_DW)


def conv_transpose_1d_reference(x, kernel, strides=1, dilation_rate=1, padding="valid"):
    """Keras's conv_transpose of a channels_last 1-D input from its definition: scatter, then crop as Keras's JAX rule."""
    n, width, _ = x.shape
    k, out_channels, _ = kernel.shape
    effective = (k - 1) * dilation_rate + 1
    full = np.zeros((n, (width - 1) * strides + effective, out_channels))
    for i in range(width):
        for j in range(k):
            full[:, i * strides + j * dilation_rate, :] += x[:, i, :].astype("float64") @ kernel[j].T.astype("float64")
    if padding == "valid":
        left_pad, right_pad = effective - 1, effective - 1 + max(effective, strides) - effective
    else:
        total = strides + effective - 2
        left_pad = min(total // 2 + total % 2, effective - 1)
        right_pad = total - left_pad
    # Keras's JAX rule pads the dilated input by (left_pad, right_pad): the full scatter cropped by the rest.
    crop_left, crop_right = effective - 1 - left_pad, effective - 1 - right_pad
    full = np.pad(full, ((0, 0), (0, max(0, -crop_right)), (0, 0)))[:, crop_left:]
    if crop_right > 0:
        full = full[:, :-crop_right]
    kwargs = {key: value for key, value in (("strides", strides), ("dilation_rate", dilation_rate), ("padding", padding)) if value not in (1, "valid")}
    return record("conv_transpose", (x, kernel), kwargs, full.astype("float32"), NOTE_CT)

rng = np.random.RandomState(3)
NS = "ops.nn"
f = lambda *shape: rng.randn(*shape).astype("float32")  # noqa: E731

x1, x2, x3 = f(2, 7, 3), f(1, 6, 5, 2), f(1, 4, 5, 3, 2)
cases = []
# conv: ranks 1-3, valid/same, strides, dilations, channels_first, groups
cases += [
    case("conv", x1, f(3, 3, 4), namespace=NS),
    case("conv", x1, f(3, 3, 4), strides=2, padding="same", namespace=NS),
    case("conv", x1, f(2, 3, 2), padding="same", dilation_rate=2, namespace=NS),
    case("conv", x1, f(3, 3, 2), strides=2, dilation_rate=2, namespace=NS),
    case("conv", x2, f(3, 2, 2, 3), namespace=NS),
    case("conv", x2, f(3, 2, 2, 3), strides=(2, 1), padding="same", namespace=NS),
    case("conv", x2, f(2, 2, 2, 4), strides=2, padding="same", dilation_rate=(2, 1), namespace=NS),
    case("conv", x2, f(3, 3, 2, 2), padding="same", dilation_rate=2, namespace=NS),
    case("conv", x2.transpose(0, 3, 1, 2).copy(), f(2, 2, 2, 3), padding="same", strides=2, data_format="channels_first", namespace=NS),
    case("conv", f(1, 5, 5, 4), f(3, 3, 2, 6), padding="same", namespace=NS, note="groups of 2 channels"),
    case("conv", x3, f(2, 2, 2, 2, 3), namespace=NS),
    case("conv", x3, f(3, 2, 2, 2, 2), strides=(2, 1, 2), padding="same", namespace=NS),
    case("conv", x3, f(2, 2, 2, 2, 2), dilation_rate=2, padding="same", namespace=NS),
    case("conv", x2, f(3, 3, 3, 3), namespace=NS),
    case("conv", x2, f(3, 3, 2, 3), strides=0, namespace=NS),
]
# depthwise and separable
cases += [
    case("depthwise_conv", x1, f(3, 3, 2), namespace=NS),
    case("depthwise_conv", x1, f(3, 3, 1), strides=2, dilation_rate=2, padding="same", namespace=NS),
    channels_last_via_first("depthwise_conv", x2, f(3, 3, 2, 2), padding="same"),
    channels_last_via_first("depthwise_conv", x2, f(2, 2, 2, 1), strides=2),
    channels_last_via_first("depthwise_conv", x2, f(2, 2, 2, 3), strides=2, dilation_rate=2, padding="same"),
    case("depthwise_conv", x2.transpose(0, 3, 1, 2).copy(), f(2, 2, 2, 2), data_format="channels_first", padding="same", namespace=NS),
    channels_last_via_first("depthwise_conv", x3, f(2, 2, 2, 2, 2), padding="same"),
    case("depthwise_conv", x2, f(2, 2, 3, 2), namespace=NS),
    channels_last_via_first("separable_conv", x2, f(3, 3, 2, 2), f(1, 1, 4, 3), padding="same"),
    case("separable_conv", x1, f(3, 3, 1), f(1, 3, 5), strides=2, namespace=NS),
    channels_last_via_first("separable_conv", x2, f(2, 2, 2, 2), f(1, 1, 4, 3), dilation_rate=2),
    case("separable_conv", x2, f(2, 2, 3, 2), f(1, 1, 6, 3), namespace=NS),
]
# conv_transpose: kernel (spatial..., out, in)
cases += [
    conv_transpose_1d_reference(x1, f(3, 4, 3)),
    case("conv_transpose", x1, f(3, 4, 3), strides=2, namespace=NS),
    case("conv_transpose", x1, f(3, 4, 3), strides=2, padding="same", namespace=NS),
    case("conv_transpose", x1, f(4, 2, 3), strides=3, padding="same", namespace=NS),
    case("conv_transpose", x1, f(3, 2, 3), strides=2, output_padding=1, namespace=NS),
    case("conv_transpose", x1, f(3, 2, 3), strides=2, padding="same", output_padding=1, namespace=NS),
    conv_transpose_1d_reference(x1, f(2, 2, 3), dilation_rate=2, padding="same"),
    conv_transpose_1d_reference(x1, f(2, 2, 3), dilation_rate=3),
    case("conv_transpose", x2, f(3, 3, 4, 2), namespace=NS),
    case("conv_transpose", x2, f(3, 3, 4, 2), strides=2, padding="same", namespace=NS),
    case("conv_transpose", x2, f(2, 3, 3, 2), strides=(2, 3), namespace=NS),
    case("conv_transpose", x2.transpose(0, 3, 1, 2).copy(), f(3, 3, 4, 2), strides=2, data_format="channels_first", namespace=NS),
    case("conv_transpose", f(1, 2, 3, 2, 2), f(2, 2, 2, 3, 2), strides=2, padding="same", namespace=NS),
    case("conv_transpose", x2, f(3, 3, 4, 3), namespace=NS),
]
# pooling
for op in ["max_pool", "average_pool"]:
    cases += [
        case(op, x1, 2, namespace=NS),
        case(op, x1, 3, strides=1, padding="same", namespace=NS),
        case(op, x1, 2, strides=2, padding="same", namespace=NS, note="uneven same padding"),
        case(op, x1, 4, strides=3, padding="same", namespace=NS),
        case(op, x2, (2, 3), namespace=NS),
        case(op, x2, 3, strides=2, padding="same", namespace=NS),
        case(op, x2, 2, strides=1, padding="same", namespace=NS, note="uneven same padding"),
        case(op, x2.transpose(0, 3, 1, 2).copy(), 2, padding="same", data_format="channels_first", namespace=NS),
        case(op, x3, 2, namespace=NS),
        case(op, x3, (2, 3, 2), strides=(1, 2, 1), padding="same", namespace=NS),
    ]
for op in ["adaptive_max_pool", "adaptive_average_pool"]:
    cases += [
        case(op, x1, 3, namespace=NS),
        case(op, x1, 7, namespace=NS),
        case(op, x2, (4, 3), namespace=NS),
        case(op, x2, 2, namespace=NS),
        case(op, x2.transpose(0, 3, 1, 2).copy(), (3, 2), data_format="channels_first", namespace=NS),
        case(op, x3, (3, 2, 2), namespace=NS),
    ]
write("golden/nn_conv.json", cases)
