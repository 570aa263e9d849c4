package dev.backproplab.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.jobs.Cli;
import dev.backproplab.jobs.bench.SyntheticResults;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bpl report}'s page in a real browser (headless Chromium, which .ci/run installs): it loads
 * offline with no console message at all, every figure drew its series (counted from the canvas'
 * own pixels and Chart.js' datasets by a checker script appended to a copy of the page), and a
 * screenshot is not blank. Skipped, saying so, only where Chromium is not installed.
 */
class ReportInBrowserTest {
  @TempDir static Path dir;
  static Path page;

  @BeforeAll
  static void writeReport() throws Exception {
    String results = dir.resolve("results").toString();
    SyntheticResults.write(results, "browser", 36, 30, 5);
    SyntheticResults.write(results, "nightly.r1", 12, 10, 6); // two runs of a sweep: its runs over time
    SyntheticResults.write(results, "nightly.r2", 12, 10, 7);
    Cli c = Cli.run("report", "--results", results, "--out", dir.resolve("report").toString());
    assertEquals(0, c.exitCode(), c.err());
    page = dir.resolve("report/index.html");
    assertTrue(c.out().contains("report: " + page), c.out());
    assertTrue(Files.readString(page).contains("<h1>backprop-lab report</h1>"), "a title without sweep records");
  }

  static String chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(d, name))) {
          return Path.of(d, name).toString();
        }
      }
    }
    return null;
  }

  static String[] run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "chromium", ".out");
    Path err = Files.createTempFile(dir, "chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(err));
    }
    return new String[] {Files.readString(out), Files.readString(err)};
  }

  @Test
  void everyFigureRendersItsSeriesWithNoConsoleMessage() throws Exception {
    Assumptions.assumeTrue(chromium() != null,
        "SKIPPED: Chromium is not installed (apt-get install chromium; .ci/run installs it)");
    String html = Files.readString(page);
    assertTrue(!html.contains("http://") && !html.contains("https://cdn"), "nothing loaded from the network");
    int canvases = html.split("<canvas ", -1).length - 1;
    assertTrue(canvases >= 10, "figures: " + canvases);
    String checker = """
        <script>
        (function () {
          var rows = [];
          document.querySelectorAll('canvas').forEach(function (c) {
            var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, painted = 0;
            for (var i = 3; i < px.length; i += 4) { if (px[i] > 0) { painted++; } }
            var chart = Chart.getChart(c);
            var series = chart ? chart.data.datasets.filter(function (d) { return d.data.length > 0; }).length : 0;
            rows.push(c.dataset.figure + '/' + (c.dataset.metric || '') + '/' + c.dataset.axis + ' ' + series + ' ' + painted);
          });
          var pre = document.createElement('pre'); pre.id = 'bpl-check'; pre.textContent = rows.join('\\n');
          document.body.appendChild(pre);
        })();
        </script>
        </body>""";
    Path checked = dir.resolve("report/checked.html");
    Files.writeString(checked, html.replace("</body>", checker));
    String[] dump = run("--dump-dom", checked.toUri().toString());
    assertTrue(!dump[1].contains(":CONSOLE"), "console messages: " + dump[1]);
    Matcher m = Pattern.compile("(?s)<pre id=\"bpl-check\">(.*?)</pre>").matcher(dump[0]);
    assertTrue(m.find(), "the checker ran: " + dump[1]);
    String[] rows = m.group(1).strip().split("\n");
    assertEquals(canvases, rows.length, m.group(1));
    for (String row : rows) {
      String[] f = row.split(" ");
      assertTrue(Integer.parseInt(f[1]) > 0, "no series drawn in " + row);
      assertTrue(Integer.parseInt(f[2]) > 2000, "blank figure " + row);
    }
    assertTrue(m.group(1).contains("alignment/"), "the feedback rules' alignment figure");
    assertTrue(m.group(1).contains("sigma/"), "the derivative-free methods' sigma figure");
    assertTrue(m.group(1).contains("accuracy//runs") && m.group(1).contains("seconds//runs"),
        "the runs of sweep nightly over time");
    assertTrue(html.contains("<h2>Runs of sweep nightly over time</h2>") && html.contains("<td>not compared</td>"),
        "the runs' section, with verdicts");

    Path shot = dir.resolve("report.png");
    String[] s = run("--screenshot=" + shot, "--window-size=1400,1400", page.toUri().toString());
    assertTrue(Files.exists(shot), s[1]);
    BufferedImage img = ImageIO.read(shot.toFile());
    long colored = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          colored++;
        }
      }
    }
    assertTrue(colored > 1000, "the screenshot shows coloured series: " + colored + " pixels");
  }
}
