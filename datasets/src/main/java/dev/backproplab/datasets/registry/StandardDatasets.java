package dev.backproplab.datasets.registry;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The built-in registry entries.
 *
 * <p>Checksums are SHA-256 of each file's <em>decompressed</em> content (the gzip wrappers differ
 * between mirrors; the content does not). They were computed from copies of the files whose MD5s
 * match those published with MNIST and Fashion-MNIST. CIFAR-10's authors
 * publish no per-file checksum, only the MD5 of the archive {@code cifar-10-binary.tar.gz}
 * ({@code c32a1d4ab5d03f1284b67883e8d87530}); that is what a CIFAR-10 fetch verifies, and its single
 * files carry no checksum.
 */
final class StandardDatasets {
  private StandardDatasets() {}

  private static final String SKLEARN =
      "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/";
  private static final String UCI_LICENSE = "CC BY 4.0 (UCI Machine Learning Repository)";

  static List<DatasetEntry> all() {
    return List.of(mnist(), fashionMnist(), cifar10(), digits(), iris(), wine(), breastCancer(), espeakWords(),
        espeakSpeakers());
  }

  private static List<DatasetFile> idxFiles(String trainImages, String trainLabels, String testImages,
      String testLabels) {
    return List.of(
        idx("train-images", "train-images-idx3-ubyte", trainImages),
        idx("train-labels", "train-labels-idx1-ubyte", trainLabels),
        idx("test-images", "t10k-images-idx3-ubyte", testImages),
        idx("test-labels", "t10k-labels-idx1-ubyte", testLabels));
  }

  private static DatasetFile idx(String role, String base, String sha) {
    return new DatasetFile(role, List.of(base + ".gz", base), sha);
  }

  static DatasetEntry mnist() {
    return new DatasetEntry("mnist", "MNIST handwritten digits, 28x28 grey, 60,000 train / 10,000 test",
        DatasetFormat.IDX, Normalization.DIVIDE_BY_PIXEL_MAX, 255, "mnist",
        idxFiles("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        Optional.empty(),
        List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
        null, new int[] {1, 28, 28}, 10, 70_000, 10_000, 9_912_422L + 28_881 + 1_648_877 + 4_542,
        "CC BY-SA 3.0 (Yann LeCun and Corinna Cortes)",
        "LeCun, Y., Bottou, L., Bengio, Y. and Haffner, P. (1998). Gradient-based learning applied to "
            + "document recognition. Proceedings of the IEEE 86(11), 2278-2324.");
  }

  static DatasetEntry fashionMnist() {
    return new DatasetEntry("fashion-mnist",
        "Fashion-MNIST Zalando article images, 28x28 grey, 60,000 train / 10,000 test",
        DatasetFormat.IDX, Normalization.DIVIDE_BY_PIXEL_MAX, 255, "fashion-mnist",
        idxFiles("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        Optional.empty(),
        List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
        null, new int[] {1, 28, 28}, 10, 70_000, 10_000, 26_421_880L + 29_515 + 4_422_102 + 5_148,
        "MIT (Zalando SE)",
        "Xiao, H., Rasul, K. and Vollgraf, R. (2017). Fashion-MNIST: a Novel Image Dataset for "
            + "Benchmarking Machine Learning Algorithms. arXiv:1708.07747.");
  }

  static DatasetEntry cifar10() {
    List<DatasetFile> files = new java.util.ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      files.add(cifar("train-batch-" + i, "data_batch_" + i + ".bin"));
    }
    files.add(cifar("test-batch", "test_batch.bin"));
    return new DatasetEntry("cifar10", "CIFAR-10 tiny colour images, 3x32x32, 50,000 train / 10,000 test",
        DatasetFormat.CIFAR10_BINARY, Normalization.DIVIDE_BY_PIXEL_MAX, 255, "cifar10", files,
        Optional.of(new ArchiveSpec("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530",
            "cifar-10-batches-bin/")),
        List.of(URI.create("https://www.cs.toronto.edu/~kriz/")),
        null, new int[] {3, 32, 32}, 10, 60_000, 10_000, 170_052_171L,
        "no license stated by the authors; distributed for research use",
        "Krizhevsky, A. (2009). Learning Multiple Layers of Features from Tiny Images. "
            + "Technical report, University of Toronto.");
  }

  private static DatasetFile cifar(String role, String name) {
    return new DatasetFile(role, List.of(name, "cifar-10-batches-bin/" + name), null);
  }

  static DatasetEntry digits() {
    return new DatasetEntry("digits",
        "UCI optical handwritten digits (scikit-learn load_digits), 8x8, 1,797 samples; embedded",
        DatasetFormat.CSV_IMAGES, Normalization.DIVIDE_BY_PIXEL_MAX, 16, "uci",
        List.of(new DatasetFile("data", List.of("digits.csv.gz", "digits.csv"),
            "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8")),
        Optional.empty(), List.of(URI.create(SKLEARN)), "dev/backproplab/datasets/digits.csv.gz",
        new int[] {1, 8, 8}, 10, 1_797, 0, 57_512, UCI_LICENSE,
        "Alpaydin, E. and Kaynak, C. (1998). Optical Recognition of Handwritten Digits [Dataset]. "
            + "UCI Machine Learning Repository. https://doi.org/10.24432/C50P49");
  }

  static DatasetEntry iris() {
    return tabular("iris", "Iris flowers (Fisher 1936), 4 features, 3 classes, 150 samples", "iris.csv",
        "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449", 4, 3, 150, 2_734,
        "Fisher, R. A. (1936). The use of multiple measurements in taxonomic problems. "
            + "Annals of Eugenics 7(2), 179-188. UCI: https://doi.org/10.24432/C56C76");
  }

  static DatasetEntry wine() {
    return tabular("wine", "Wine recognition (UCI), 13 features, 3 classes, 178 samples", "wine_data.csv",
        "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede", 13, 3, 178, 11_157,
        "Aeberhard, S. and Forina, M. (1991). Wine [Dataset]. UCI Machine Learning Repository. "
            + "https://doi.org/10.24432/C5PC7J");
  }

  static DatasetEntry breastCancer() {
    return tabular("breast-cancer", "Breast Cancer Wisconsin (diagnostic), 30 features, 2 classes, 569 samples",
        "breast_cancer.csv", "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed", 30, 2, 569,
        119_913,
        "Wolberg, W., Mangasarian, O., Street, N. and Street, W. (1995). Breast Cancer Wisconsin "
            + "(Diagnostic) [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C5DW2B");
  }

  private static DatasetEntry tabular(String name, String description, String file, String sha, int features,
      int classes, int samples, long bytes, String citation) {
    return new DatasetEntry(name, description, DatasetFormat.CSV_TABULAR, Normalization.STANDARDIZE, 0, "uci",
        List.of(new DatasetFile("data", List.of(file), sha)), Optional.empty(), List.of(URI.create(SKLEARN)),
        null, new int[] {features}, classes, samples, 0, bytes, UCI_LICENSE, citation);
  }

  /** The index and manifest of espeak-words as {@code scripts/make-espeak-words.sh} made it with eSpeak NG 1.51. */
  private static List<DatasetFile> espeakFiles() {
    return List.of(
        new DatasetFile("index", List.of("index.csv"), "38a28bffb231a8e36ff466c38a54d1f5c67f256bc3c1c791fc030f8f1147d421"),
        new DatasetFile("checksums", List.of("SHA256SUMS"),
            "04011e1ac43b252d85e32a08199764ad0c79bb52161581d173b49e895799cda2"));
  }

  private static final String ESPEAK_CITATION = "Synthesised with eSpeak NG 1.51 (https://github.com/espeak-ng/espeak-ng) "
      + "and SoX by scripts/make-espeak-words.sh; the task follows Warden, P. (2018). Speech Commands: A Dataset "
      + "for Limited-Vocabulary Speech Recognition. arXiv:1804.03209.";
  private static final String ESPEAK_LICENSE = "eSpeak NG's audio output carries no licence restriction";

  /** The ten digit words spoken by 16 synthetic speakers, labelled by word; speakers s12-s15 held out as test. */
  static DatasetEntry espeakWords() {
    return new DatasetEntry("espeak-words",
        "spoken digit words zero..nine, 16 eSpeak NG speakers, 1 s at 16 kHz, 480 clips, test: 4 unseen speakers; local",
        DatasetFormat.WAV_WORDS, Normalization.DIVIDE_BY_PIXEL_MAX, 32768, "espeak-words", espeakFiles(),
        Optional.empty(), List.of(), null, new int[] {16_000}, 10, 480, 120, 0, ESPEAK_LICENSE, ESPEAK_CITATION);
  }

  /** The same clips labelled by speaker; every speaker's last rendition of each word held out as test. */
  static DatasetEntry espeakSpeakers() {
    return new DatasetEntry("espeak-speakers",
        "the espeak-words clips labelled by speaker (16), test: the third rendition of every word; local",
        DatasetFormat.WAV_SPEAKERS, Normalization.DIVIDE_BY_PIXEL_MAX, 32768, "espeak-words", espeakFiles(),
        Optional.empty(), List.of(), null, new int[] {16_000}, 16, 480, 160, 0, ESPEAK_LICENSE, ESPEAK_CITATION);
  }
}
