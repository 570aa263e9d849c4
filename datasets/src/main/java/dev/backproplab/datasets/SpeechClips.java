package dev.backproplab.datasets;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.data.DataSplit;
import dev.backproplab.core.data.Examples;
import dev.backproplab.datasets.fetch.ExtractedManifest;
import dev.backproplab.datasets.io.HadoopInput;
import dev.backproplab.datasets.io.WavReader;
import dev.backproplab.datasets.registry.DatasetEntry;
import dev.backproplab.datasets.registry.DatasetFormat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a local speech set laid out as espeak-words: {@code index.csv} (columns {@code file, kind,
 * word, speaker, rendition, ...}; one row per clip) and {@code SHA256SUMS} (checked against the
 * registry), then every word clip the index lists, each checked against its line in {@code
 * SHA256SUMS} while it is read. The data set's checksum is the SHA-256 over the index and the
 * manifest, which pin every clip's content.
 *
 * <p>Labels and split follow the entry's format: {@link DatasetFormat#WAV_WORDS} labels a clip by
 * its word (classes in the index's order of first appearance) and holds out the last quarter of the
 * speakers in name order (unseen voices); {@link DatasetFormat#WAV_SPEAKERS} labels it by speaker (in
 * name order) and holds out each word's last rendition of each speaker (seen voices). Samples are
 * scaled to [-1, 1). Stateless; package-private helper of {@link DatasetLoader}.
 */
final class SpeechClips {
  private SpeechClips() {}

  /** One word clip of the index. */
  private record Clip(String file, String word, String speaker, int rendition) {}

  /**
   * Reads the index and the manifest from {@code files} (in that order) and the clips from {@code
   * directory}, shaped and labelled as {@code entry} says.
   */
  static DataSplit read(DatasetEntry entry, HashedFiles files, HadoopInput input, String directory) {
    List<Clip> clips = files.readNext(SpeechClips::parseIndex);
    Map<String, String> sums = files.readNext((in, f) -> ExtractedManifest.parse(lines(in, f)));
    int length = entry.sampleShape()[0];
    List<String> words = new ArrayList<>();
    TreeSet<String> speakers = new TreeSet<>();
    int lastRendition = 0;
    for (Clip c : clips) {
      if (!words.contains(c.word())) {
        words.add(c.word());
      }
      speakers.add(c.speaker());
      lastRendition = Math.max(lastRendition, c.rendition());
    }
    List<String> speakerList = List.copyOf(speakers);
    boolean byWord = entry.format() == DatasetFormat.WAV_WORDS;
    int classes = byWord ? words.size() : speakerList.size();
    if (clips.size() != entry.totalSamples() || classes != entry.numClasses()) {
      throw new InvalidInputException("Invalid index " + files.location(0) + ": it lists " + clips.size()
          + " word clips in " + classes + (byWord ? " words" : " speakers") + "; expected " + entry.totalSamples()
          + " clips in " + entry.numClasses() + " for " + entry.name() + ".");
    }
    List<String> locations = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (Clip c : clips) {
      String sha = sums.get("./" + c.file());
      if (sha == null) {
        sha = sums.get(c.file());
      }
      if (sha == null) {
        throw new InvalidInputException("Invalid manifest " + files.location(1) + ": no checksum for " + c.file()
            + ", which " + files.location(0) + " lists; expected one line per clip.");
      }
      locations.add(HadoopInput.join(directory, c.file()));
      expected.add(sha);
    }
    HashedFiles audio = new HashedFiles(input, entry.name(), locations, expected, false);
    int testSpeakersFrom = speakerList.size() - speakerList.size() / 4;
    float[] x = new float[clips.size() * length];
    int[] y = new int[clips.size()];
    boolean[] test = new boolean[clips.size()];
    for (int i = 0; i < clips.size(); i++) {
      Clip c = clips.get(i);
      float[] samples = audio.readNext((in, f) -> WavReader.read(in, f, 16_000f));
      if (samples.length != length) {
        throw new InvalidInputException("Invalid clip " + locations.get(i) + ": " + samples.length
            + " samples; expected " + length + ".");
      }
      System.arraycopy(samples, 0, x, i * length, length);
      int speaker = speakerList.indexOf(c.speaker());
      y[i] = byWord ? words.indexOf(c.word()) : speaker;
      test[i] = byWord ? speaker >= testSpeakersFrom : c.rendition() == lastRendition;
    }
    Examples all = new Examples(x, y, new int[] {length}, classes);
    return new DataSplit(entry.name(), all.select(rows(test, false)), all.select(rows(test, true)),
        files.combinedSha256());
  }

  private static int[] rows(boolean[] test, boolean wanted) {
    int n = 0;
    for (boolean t : test) {
      n += t == wanted ? 1 : 0;
    }
    int[] out = new int[n];
    for (int i = 0, k = 0; i < test.length; i++) {
      if (test[i] == wanted) {
        out[k++] = i;
      }
    }
    return out;
  }

  private static List<Clip> parseIndex(java.io.InputStream in, String file) {
    List<String> lines = lines(in, file);
    if (lines.isEmpty() || !lines.get(0).startsWith("file,kind,word,speaker,rendition")) {
      throw new InvalidInputException("Invalid index " + file + ": the header is "
          + (lines.isEmpty() ? "missing" : "'" + lines.get(0) + "'")
          + "; expected it to start with file,kind,word,speaker,rendition.");
    }
    List<Clip> clips = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      String[] f = line.split(",", -1);
      if (line.isBlank() || f.length > 1 && !"word".equals(f[1])) {
        continue;
      }
      if (f.length < 5 || !f[4].matches("[0-9]+") || f[0].isBlank() || f[0].contains("..")) {
        throw new InvalidInputException("Invalid index " + file + " line " + (i + 1) + ": '" + line
            + "'; expected file,word,word text,speaker,rendition number,...");
      }
      clips.add(new Clip(f[0], f[2], f[3], Integer.parseInt(f[4])));
    }
    return clips;
  }

  private static List<String> lines(java.io.InputStream in, String file) {
    try {
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
