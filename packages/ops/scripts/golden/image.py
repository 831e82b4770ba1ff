"""Golden cases for keras.ops.image (namespace 'ops.image'). elastic_transform is random (Keras's torch backend
draws from torch's global generator, ignoring the seed), so it is tested by its properties in image.test.ts."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(4)
NS = "ops.image"
img = rng.uniform(0, 1, (2, 6, 8, 3)).astype("float32")
one = rng.uniform(0, 1, (5, 7, 3)).astype("float32")
first = np.transpose(img, (0, 3, 1, 2)).copy()
gray = rng.uniform(0, 1, (1, 6, 6, 1)).astype("float32")
ints = rng.randint(0, 255, (1, 5, 6, 3)).astype("int32")
vol = rng.uniform(0, 1, (1, 4, 6, 6, 2)).astype("float32")
FLOAT = "float32 sums in another order"

cases = [
    case("rgb_to_grayscale", img, namespace=NS),
    case("rgb_to_grayscale", first, data_format="channels_first", namespace=NS),
    case("rgb_to_grayscale", ints, namespace=NS),
    case("rgb_to_grayscale", gray, namespace=NS),
    case("rgb_to_grayscale", img[..., :2], namespace=NS),
    case("rgb_to_hsv", img, namespace=NS),
    case("rgb_to_hsv", np.array([[[0, 0, 0], [1, 1, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0.5, 0.5, 0.2]]], "float32"), namespace=NS),
    case("rgb_to_hsv", first, data_format="channels_first", namespace=NS),
    case("rgb_to_hsv", ints, namespace=NS),
    case("hsv_to_rgb", img, namespace=NS),
    case("hsv_to_rgb", np.array([[[-0.25, 0.5, 0.5], [1.5, 1, 1], [0.9, 0, 0.3]]], "float32"), namespace=NS),
    case("resize", img, (3, 4), namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", img, (9, 13), namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", img, (3, 5), antialias=True, namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", img, (9, 13), antialias=True, namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", img, (4, 5), interpolation="nearest", namespace=NS),
    case("resize", img, (11, 13), interpolation="nearest", namespace=NS),
    case("resize", img, (9, 13), interpolation="bicubic", namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", img, (3, 5), interpolation="bicubic", namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", img, (3, 5), interpolation="bicubic", antialias=True, namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", img, (10, 11), interpolation="bicubic", antialias=True, namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", img, (6, 8), namespace=NS, note="same size"),
    case("resize", img, (5, 3), interpolation="nearest", antialias=True, namespace=NS, note="antialias ignored for nearest"),
    case("resize", first, (4, 3), antialias=True, data_format="channels_first", namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", one, (4, 4), crop_to_aspect_ratio=True, namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", one, (4, 4), pad_to_aspect_ratio=True, fill_value=0.5, namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", first, (3, 4), data_format="channels_first", namespace=NS, rtol=1e-4, note=FLOAT),
    case("resize", ints, (3, 4), namespace=NS, note="int images are rounded back"),
    case("resize", img, (3, 4), interpolation="lanczos3", namespace=NS),
    case("resize", img, (3, 4), crop_to_aspect_ratio=True, pad_to_aspect_ratio=True, namespace=NS),
    case("map_coordinates", gray[0, :, :, 0], rng.uniform(-1, 6, (2, 3, 4)).astype("float32"), 1, namespace=NS),
    case("map_coordinates", gray[0, :, :, 0], rng.uniform(-1, 6, (2, 3, 4)).astype("float32"), 0, namespace=NS),
    case("map_coordinates", gray[0, :, :, 0], rng.uniform(-3, 9, (2, 5)).astype("float32"), 1, fill_mode="nearest", namespace=NS),
    case("map_coordinates", gray[0, :, :, 0], rng.uniform(-3, 9, (2, 5)).astype("float32"), 1, fill_mode="wrap", namespace=NS),
    case("map_coordinates", gray[0, :, :, 0], rng.uniform(-8, 14, (2, 7)).astype("float32"), 1, fill_mode="mirror", namespace=NS),
    case("map_coordinates", gray[0, :, :, 0], rng.uniform(-8, 14, (2, 7)).astype("float32"), 1, fill_mode="reflect", namespace=NS),
    case("map_coordinates", gray[0, :, :, 0], rng.uniform(-3, 9, (2, 5)).astype("float32"), 1, fill_value=-1.0, namespace=NS),
    case("map_coordinates", one, rng.uniform(-1, 6, (3, 4)).astype("float32"), 1, namespace=NS),
    case("map_coordinates", ints[0, :, :, 0], rng.uniform(0, 4, (2, 6)).astype("float32"), 1, namespace=NS),
    case("map_coordinates", gray[0, :, :, 0], rng.uniform(0, 4, (2, 6)).astype("float32"), 2, namespace=NS),
    # Keras's torch backend needs one transform per image of a batch (a single transform only for one image).
    case("affine_transform", one, np.array([1, 0, 0, 0, 1, 0, 0, 0], "float32"), namespace=NS),
    case("affine_transform", img, np.array([[0.8, 0.3, 1.5, -0.2, 1.1, -0.7, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0]], "float32"), namespace=NS, rtol=1e-4, note=FLOAT),
    case("affine_transform", img, np.array([[0.8, 0.3, 1.5, -0.2, 1.1, -0.7, 0, 0], [1.2, 0, -2, 0, 0.9, 1, 0, 0]], "float32"), interpolation="nearest", fill_mode="reflect", namespace=NS),
    case("affine_transform", one, np.array([0.9, -0.4, 2.5, 0.3, 1.0, -1.0, 0, 0], "float32"), fill_mode="wrap", fill_value=0.5, namespace=NS, rtol=1e-4, note=FLOAT),
    case("affine_transform", first, np.array([[0.9, -0.4, 2.5, 0.3, 1.0, -1.0, 0, 0], [1.1, 0.2, -1, 0.1, 0.8, 0.5, 0, 0]], "float32"), fill_mode="mirror", data_format="channels_first", namespace=NS, rtol=1e-4, note=FLOAT),
    case("affine_transform", one, np.array([1, 0, 0, 0, 1, 0, 0, 0], "float32"), interpolation="bicubic", namespace=NS),
    case("perspective_transform", img, np.array([[0, 0], [7, 0], [0, 5], [7, 5]], "float32"), np.array([[1, 0.5], [6, 0], [0, 5], [7.5, 4]], "float32"), namespace=NS, rtol=1e-4, note=FLOAT),
    case("perspective_transform", img, np.array([[[0, 0], [7, 0], [0, 5], [7, 5]], [[1, 1], [6, 0], [0, 4], [7, 5]]], "float32"), np.array([[[1, 0.5], [6, 0], [0, 5], [7.5, 4]], [[0, 0], [7, 0], [0, 5], [7, 5]]], "float32"), interpolation="nearest", fill_value=0.25, namespace=NS, rtol=1e-4, note=FLOAT),
    # Keras 3.15.1's eager gaussian_blur passes data_format=None to the torch backend, which then reads the images
    # as channels_first; Strata defaults to channels_last as documented, so these cases name the format.
    case("gaussian_blur", img, data_format="channels_last", namespace=NS, rtol=1e-4, note=FLOAT),
    case("gaussian_blur", img, kernel_size=(5, 5), sigma=(1.5, 1.5), data_format="channels_last", namespace=NS, rtol=1e-4, note=FLOAT),
    case("gaussian_blur", first, kernel_size=(3, 3), sigma=(0.7, 0.7), data_format="channels_first", namespace=NS, rtol=1e-4, note=FLOAT),
    case("gaussian_blur", one, kernel_size=(5, 3), sigma=(2.0, 1.0), data_format="channels_last", namespace=NS, rtol=1e-4, note="non-square kernel: Keras's layout quirk"),
    case("sobel_edges", img, namespace=NS, rtol=1e-4, note=FLOAT),
    case("sobel_edges", first, data_format="channels_first", namespace=NS, rtol=1e-4, note=FLOAT),
    case("ssim", img, np.clip(img + rng.normal(0, 0.1, img.shape).astype("float32"), 0, 1), filter_size=5, namespace=NS, rtol=1e-4, note=FLOAT),
    case("ssim", one, one, filter_size=3, namespace=NS, rtol=1e-4, note=FLOAT),
    case("ssim", img * 255, (img * 255)[:, ::-1], max_val=255.0, filter_size=5, filter_sigma=1.0, namespace=NS, rtol=1e-4, note=FLOAT),
    case("sobel_edges", np.arange(16, dtype="int32").reshape(1, 4, 4, 1), namespace=NS),
    case("ssim", np.ones((4, 4, 1), "int32"), np.ones((4, 4, 1), "int32"), filter_size=3, namespace=NS),
    case("affine_transform", np.arange(16, dtype="int32").reshape(4, 4, 1), np.array([1, 0, 0.5, 0, 1, 0.25, 0, 0], "float32"), namespace=NS, note="int images are rounded"),
    case("ssim", first, first * 0.8, filter_size=3, data_format="channels_first", namespace=NS, rtol=1e-4, note=FLOAT),
    case("scale_and_translate", img, (2, 4, 5, 3), np.array([0.6, 0.7], "float32"), np.array([0.5, -0.3], "float32"), (1, 2), "linear", namespace=NS, rtol=1e-4, note=FLOAT),
    case("scale_and_translate", img, (2, 12, 14, 3), np.array([2.0, 1.75], "float32"), np.array([0.0, 1.0], "float32"), (1, 2), "cubic", namespace=NS, rtol=1e-4, note=FLOAT),
    case("scale_and_translate", img, (2, 3, 4, 3), np.array([0.5, 0.5], "float32"), np.array([0.0, 0.0], "float32"), (1, 2), "lanczos3", antialias=False, namespace=NS, rtol=1e-4, note=FLOAT),
    case("scale_and_translate", img, (2, 4, 8, 3), np.array([0.7], "float32"), np.array([0.2], "float32"), (-3,), "lanczos5", namespace=NS, rtol=1e-4, note=FLOAT),
    case("scale_and_translate", ints, (1, 3, 4, 3), np.array([0.6, 0.7], "float32"), np.array([0.0, 0.0], "float32"), (1, 2), "bilinear", namespace=NS),
    case("extract_patches", img, 2, namespace=NS),
    case("extract_patches", img, (3, 2), strides=(1, 2), namespace=NS),
    case("extract_patches", img, (3, 3), strides=(2, 3), padding="same", namespace=NS),
    case("extract_patches", img, (2, 2), strides=1, dilation_rate=2, namespace=NS),
    case("extract_patches", one, 2, namespace=NS),
    case("extract_patches", first, 2, data_format="channels_first", namespace=NS),
    case("extract_patches", vol, (2, 3, 3), namespace=NS),
    case("extract_patches_3d", vol, 2, namespace=NS),
    case("extract_patches_3d", vol[0], (2, 2, 3), strides=(1, 2, 2), padding="same", namespace=NS),
    case("pad_images", img, top_padding=1, bottom_padding=2, left_padding=0, right_padding=3, namespace=NS),
    case("pad_images", one, target_height=8, target_width=9, top_padding=1, left_padding=2, namespace=NS),
    case("pad_images", first, bottom_padding=1, target_height=9, right_padding=0, target_width=8, data_format="channels_first", namespace=NS),
    case("pad_images", img, top_padding=1, namespace=NS, note="needs two of each triple"),
    case("pad_images", img, target_height=4, top_padding=1, left_padding=0, right_padding=0, namespace=NS, note="target smaller than image"),
    case("crop_images", img, top_cropping=1, bottom_cropping=2, left_cropping=1, right_cropping=3, namespace=NS),
    case("crop_images", one, target_height=3, target_width=4, top_cropping=1, left_cropping=2, namespace=NS),
    case("crop_images", first, bottom_cropping=1, target_height=4, right_cropping=2, target_width=5, data_format="channels_first", namespace=NS),
    case("crop_images", img, top_cropping=-1, bottom_cropping=1, left_cropping=0, right_cropping=0, namespace=NS),
]
write("golden/image.json", cases)
