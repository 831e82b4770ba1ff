"""Golden cases for keras.ops.nn's attention, rearrangements and patches (src/nn/attention.ts, rearrange.ts, patches.ts)."""
import numpy as np

from golden_common import case, ops, write

rng = np.random.RandomState(4)
NS = "ops.nn"
f = lambda *shape: rng.randn(*shape).astype("float32")  # noqa: E731

q, k, v = f(2, 3, 4, 3), f(2, 5, 4, 3), f(2, 5, 4, 3)
kg, vg = f(2, 5, 2, 3), f(2, 5, 2, 3)
k1, v1 = f(2, 5, 1, 3), f(2, 5, 1, 3)
mask = rng.rand(2, 1, 3, 5) > 0.4
mask[:, :, :, 0] = True
cases = [
    case("dot_product_attention", q, k, v, namespace=NS),
    case("dot_product_attention", q, k, v, scale=0.5, namespace=NS),
    case("dot_product_attention", q, k, v, is_causal=True, namespace=NS),
    case("dot_product_attention", q, k, v, mask=mask, namespace=NS),
    case("dot_product_attention", q, k, v, mask=mask, is_causal=True, namespace=NS),
    case("dot_product_attention", q, k, v, mask=np.zeros((3, 5), bool), namespace=NS, note="all masked: uniform weights"),
    case("dot_product_attention", q, k, v, bias=f(1, 4, 3, 5), namespace=NS),
    case("dot_product_attention", q, kg, vg, namespace=NS, note="grouped-query attention"),
    case("dot_product_attention", q, k1, v1, is_causal=True, namespace=NS, note="multi-query attention"),
    case("dot_product_attention", q, k, v, bias=f(1, 4, 3, 5), mask=mask, namespace=NS),
    case("dot_product_attention", q[0], k[0], v[0], namespace=NS),
    case("dot_product_attention", q, k, v, attn_logits_soft_cap=20.0, namespace=NS),
]
x = f(1, 4, 6, 8)
cases += [
    case("depth_to_space", x, 2, namespace=NS),
    case("depth_to_space", x.transpose(0, 3, 1, 2).copy(), 2, data_format="channels_first", namespace=NS),
    case("depth_to_space", np.arange(2 * 2 * 18, dtype="int32").reshape(1, 2, 2, 18), 3, namespace=NS),
    case("space_to_depth", x, 2, namespace=NS),
    case("space_to_depth", x.transpose(0, 3, 1, 2).copy(), 2, data_format="channels_first", namespace=NS),
    case("space_to_depth", np.arange(36, dtype="int32").reshape(1, 6, 6, 1), 3, namespace=NS),
]
img = ops.convert_to_tensor(f(1, 3, 5, 6))  # torch's unfold/fold take tensors only
T = ops.convert_to_tensor
cases += [
    case("unfold", img, 2, namespace=NS),
    case("unfold", img, (2, 3), stride=2, namespace=NS),
    case("unfold", img, 3, padding=1, dilation=(1, 2), namespace=NS),
    case("unfold", img, 2, padding=(2, 0), stride=(3, 1), namespace=NS),
    case("unfold", img[0], 2, namespace=NS),
    case("fold", T(f(1, 12, 20)), (5, 6), 2, namespace=NS),
    case("fold", T(f(1, 18, 4)), (5, 6), (2, 3), stride=2, namespace=NS),
    case("fold", T(f(1, 27, 12)), (5, 6), 3, padding=1, dilation=(1, 2), stride=(2, 1), namespace=NS),
    case("fold", T(f(1, 4, 25)), 6, 2, namespace=NS),
    case("fold", T(f(1, 4, 30)), 6, 2, namespace=NS),
]
write("golden/nn_misc.json", cases)
