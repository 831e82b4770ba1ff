"""Deterministic weights and inputs that Keras and Strata compute identically.

The TypeScript twin is packages/io-h5/src/applications/formula.ts: change both
together. The pseudo-random numbers come from 32-bit integer arithmetic (a
MurmurHash3 finalizer of the element index), which both languages compute
exactly; they are scaled in float64 and rounded to float32 once.
"""

import math

import numpy as np


def name_hash(name):
    """A small hash of a layer name: character codes weighted by position, modulo a prime."""
    total = 0
    for position, char in enumerate(name):
        total = (total + (position + 1) * ord(char)) % 9973
    return total


def uniform(size, seed):
    """`size` numbers in [-1, 1) from the hash of (element index + seed * golden ratio)."""
    with np.errstate(over="ignore"):
        h = np.arange(size, dtype=np.uint32) + np.uint32((seed * 0x9E3779B9) % 2**32)
        h ^= h >> np.uint32(16)
        h *= np.uint32(0x85EBCA6B)
        h ^= h >> np.uint32(13)
        h *= np.uint32(0xC2B2AE35)
        h ^= h >> np.uint32(16)
    return h.astype(np.float64) / 2**31 - 1.0


def formula_values(layer_name, layer_class, variable_index, variable_name, shape):
    """Values for one variable of one layer, in C order, as float32."""
    size = int(np.prod(shape)) if len(shape) > 0 else 1
    wave = uniform(size, name_hash(layer_name) * 16 + variable_index + 1)
    short_name = variable_name.split("/")[-1]
    if "variance" in short_name:
        values = 1.0 + 0.5 * wave
    elif short_name == "gamma":
        values = 1.0 + 0.2 * wave
    elif len(shape) >= 2:
        # A depthwise kernel (kh, kw, channels, multiplier) sums over kh * kw inputs only; Keras 3 names
        # it "kernel" in DepthwiseConv2D and "depthwise_kernel" in SeparableConv2D.
        if short_name == "depthwise_kernel" or layer_class.startswith("DepthwiseConv"):
            fan_in = int(np.prod(shape[:-2]))
        else:
            fan_in = int(np.prod(shape[:-1]))
        # Uniform in [-1, 1) has variance 1/3: this scale gives He's 2 / fan_in.
        values = math.sqrt(6.0 / fan_in) * wave
    else:
        values = 0.1 * wave
    return values.astype(np.float32).reshape(shape)


def formula_input(shape, pixels):
    """An image batch: in [0, 255] for models that rescale pixels themselves, else in [-1, 1]."""
    wave = uniform(int(np.prod(shape)), 0)
    values = 127.5 + 127.5 * wave if pixels else wave
    return values.astype(np.float32).reshape(shape)


def assign_formula_weights(model):
    """Every float variable of every layer, by layer name and index within the layer."""
    for layer in model.layers:
        for index, variable in enumerate(layer.weights):
            if "float" not in str(variable.dtype):
                continue
            variable.assign(
                formula_values(
                    layer.name, type(layer).__name__, index, variable.path, tuple(variable.shape)
                )
            )
