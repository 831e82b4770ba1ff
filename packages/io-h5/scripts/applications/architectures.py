"""Every keras.applications architecture of Keras 3.15.1 with the smallest input each accepts."""

ARCHITECTURES = {
    # name: (input size, family)
    "ConvNeXtTiny": (32, "convnext"),
    "ConvNeXtSmall": (32, "convnext"),
    "ConvNeXtBase": (32, "convnext"),
    "ConvNeXtLarge": (32, "convnext"),
    "ConvNeXtXLarge": (32, "convnext"),
    "DenseNet121": (32, "densenet"),
    "DenseNet169": (32, "densenet"),
    "DenseNet201": (32, "densenet"),
    "EfficientNetB0": (32, "efficientnet"),
    "EfficientNetB1": (32, "efficientnet"),
    "EfficientNetB2": (32, "efficientnet"),
    "EfficientNetB3": (32, "efficientnet"),
    "EfficientNetB4": (32, "efficientnet"),
    "EfficientNetB5": (32, "efficientnet"),
    "EfficientNetB6": (32, "efficientnet"),
    "EfficientNetB7": (32, "efficientnet"),
    "EfficientNetV2B0": (32, "efficientnet_v2"),
    "EfficientNetV2B1": (32, "efficientnet_v2"),
    "EfficientNetV2B2": (32, "efficientnet_v2"),
    "EfficientNetV2B3": (32, "efficientnet_v2"),
    "EfficientNetV2S": (32, "efficientnet_v2"),
    "EfficientNetV2M": (32, "efficientnet_v2"),
    "EfficientNetV2L": (32, "efficientnet_v2"),
    "InceptionV3": (75, "inception_v3"),
    "InceptionResNetV2": (75, "inception_resnet_v2"),
    "MobileNet": (32, "mobilenet"),
    "MobileNetV2": (32, "mobilenet_v2"),
    "MobileNetV3Small": (32, "mobilenet_v3"),
    "MobileNetV3Large": (32, "mobilenet_v3"),
    "NASNetMobile": (32, "nasnet"),
    "NASNetLarge": (32, "nasnet"),
    "ResNet50": (32, "resnet"),
    "ResNet101": (32, "resnet"),
    "ResNet152": (32, "resnet"),
    "ResNet50V2": (32, "resnet_v2"),
    "ResNet101V2": (32, "resnet_v2"),
    "ResNet152V2": (32, "resnet_v2"),
    "VGG16": (32, "vgg"),
    "VGG19": (32, "vgg"),
    "Xception": (71, "xception"),
}

# Families whose models start with their own Rescaling of [0, 255] pixels; the others take preprocessed input.
PIXEL_FAMILIES = {"convnext", "efficientnet", "efficientnet_v2", "mobilenet_v3"}

CLASSES = 5
BATCH = 2


# Keras 3.15.1's NASNetMobile and NASNetLarge refuse the torch backend ("an outstanding bug"), and the numpy
# backend needs jax, which the reference runner lacks. Their shared builder nasnet.NASNet has no such check:
# it is called here with the arguments each public function passes. The config it writes names no backend.
NASNET_ARGUMENTS = {
    "NASNetMobile": dict(penultimate_filters=1056, num_blocks=4, stem_block_filters=32, skip_reduction=False,
                         filter_multiplier=2, default_size=224, name="nasnet_mobile"),
    "NASNetLarge": dict(penultimate_filters=4032, num_blocks=6, stem_block_filters=96, skip_reduction=True,
                        filter_multiplier=2, default_size=331, name="nasnet_large"),
}


def build(keras, name, include_top, **extra):
    size, _family = ARCHITECTURES[name]
    constructor = getattr(keras.applications, name)
    if name in NASNET_ARGUMENTS:
        from keras.src.applications import nasnet

        def constructor(**options):
            return nasnet.NASNet(**options, **NASNET_ARGUMENTS[name])

    options = dict(weights=None, input_shape=(size, size, 3), include_top=include_top)
    if include_top:
        # The head compares logits: on formula weights a softmax saturates to one-hot and would hide errors.
        options["classes"] = CLASSES
        options["classifier_activation"] = None
    options.update(extra)
    return constructor(**options)


def takes_pixels(name):
    return ARCHITECTURES[name][1] in PIXEL_FAMILIES


def variant_id(name, include_top):
    return f"{name}_{'top' if include_top else 'notop'}"
