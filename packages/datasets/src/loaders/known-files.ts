import type { DatasetFile } from '../files/locate';

/**
 * The files Keras (or, for the MNIST IDX files, torchvision) downloads, with
 * their published SHA-256. `contentSha256` is the SHA-256 of the decompressed
 * IDX data, computed from the canonical files, so a copy with another gzip
 * header (Debian's `dataset-fashion-mnist`) is still recognised.
 */
const KERAS_ORIGIN = 'https://storage.googleapis.com/tensorflow/tf-keras-datasets/';
// Keras's mnist.py downloads only mnist.npz; the IDX files come from torchvision's mirror of LeCun's site.
const MNIST_ORIGIN = 'https://ossci-datasets.s3.amazonaws.com/mnist/';

function idx(subdir: string, origin: string, name: string, sha256: string, contentSha256: string): DatasetFile {
  return { name, subdir, url: origin + name, sha256, contentSha256 };
}

export const MNIST_FILES = {
  npz: {
    name: 'mnist.npz',
    subdir: 'mnist',
    url: `${KERAS_ORIGIN}mnist.npz`,
    sha256: '731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1',
  },
  trainImages: idx('mnist', MNIST_ORIGIN, 'train-images-idx3-ubyte.gz',
    '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
    'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db'),
  trainLabels: idx('mnist', MNIST_ORIGIN, 'train-labels-idx1-ubyte.gz',
    '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
    '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5'),
  testImages: idx('mnist', MNIST_ORIGIN, 't10k-images-idx3-ubyte.gz',
    '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
    '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7'),
  testLabels: idx('mnist', MNIST_ORIGIN, 't10k-labels-idx1-ubyte.gz',
    'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
    'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2'),
} satisfies Record<string, DatasetFile>;

export const FASHION_MNIST_FILES = {
  trainImages: idx('fashion-mnist', KERAS_ORIGIN, 'train-images-idx3-ubyte.gz',
    '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84',
    'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888'),
  trainLabels: idx('fashion-mnist', KERAS_ORIGIN, 'train-labels-idx1-ubyte.gz',
    'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845',
    'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9'),
  testImages: idx('fashion-mnist', KERAS_ORIGIN, 't10k-images-idx3-ubyte.gz',
    '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073',
    '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b'),
  testLabels: idx('fashion-mnist', KERAS_ORIGIN, 't10k-labels-idx1-ubyte.gz',
    '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5',
    '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34'),
} satisfies Record<string, DatasetFile>;

export const CIFAR10_FILE: DatasetFile = {
  name: 'cifar-10-python.tar.gz',
  subdir: 'cifar10',
  url: 'https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz',
  sha256: '6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce',
};

export const IMDB_FILE: DatasetFile = {
  name: 'imdb.npz',
  subdir: 'imdb',
  url: `${KERAS_ORIGIN}imdb.npz`,
  sha256: '69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f',
};

export const BOSTON_HOUSING_FILE: DatasetFile = {
  name: 'boston_housing.npz',
  subdir: 'boston-housing',
  url: `${KERAS_ORIGIN}boston_housing.npz`,
  sha256: 'f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5',
};

/**
 * Keras's `imdb.get_word_index()` file. Keras publishes only an MD5 for it
 * (`get_file(..., file_hash="bfafd718b763782e994055a2d397834f")` in
 * keras/src/datasets/imdb.py), so that is what it is verified with: an MD5 still
 * catches a truncated or wrong file, which is what the check is for here.
 */
export const IMDB_WORD_INDEX_FILE: DatasetFile = {
  name: 'imdb_word_index.json',
  subdir: 'imdb',
  url: `${KERAS_ORIGIN}imdb_word_index.json`,
  md5: 'bfafd718b763782e994055a2d397834f',
};

export const CIFAR100_FILE: DatasetFile = {
  name: 'cifar-100-python.tar.gz',
  subdir: 'cifar100',
  url: 'https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz',
  sha256: '85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7',
};
