package toystore.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The cache timeline as a PNG: one row per toy (phase 1's most popular on top), one column per
 * sample, a cell filled while the toy is cached — darker the more recently it was used — and a
 * line where the popularity order flips.
 */
final class TimelineChart {
  private static final int WIDTH = 960;
  private static final int ROW = 30;
  private static final int LEFT = 130;
  private static final int RIGHT = 40;
  private static final int TOP = 60;
  private static final int BOTTOM = 80;
  private static final Color CACHED = new Color(31, 119, 180);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private TimelineChart() {}

  static void writePng(CacheTimeline timeline, Path file) throws IOException {
    ImageIO.write(render(timeline), "png", file.toFile());
  }

  static BufferedImage render(CacheTimeline timeline) {
    List<String> toys = timeline.phaseOneOrder();
    List<TimelineSample> samples = timeline.samples();
    int height = TOP + toys.size() * ROW + BOTTOM;
    int plotWidth = WIDTH - LEFT - RIGHT;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      long endMs = samples.isEmpty() ? 1 : Math.max(1, samples.get(samples.size() - 1).atMs() + timeline.sampleMs());
      for (int i = 0; i < samples.size(); i++) {
        TimelineSample sample = samples.get(i);
        long nextMs = i + 1 < samples.size() ? samples.get(i + 1).atMs() : sample.atMs() + timeline.sampleMs();
        int x0 = LEFT + (int) (sample.atMs() * plotWidth / endMs);
        int x1 = LEFT + (int) (nextMs * plotWidth / endMs);
        for (int rank = 0; rank < sample.keys().size(); rank++) {
          int row = toys.indexOf(sample.keys().get(rank));
          if (row >= 0) {
            g.setColor(shade(rank, timeline.capacity()));
            g.fillRect(x0, TOP + row * ROW + 2, Math.max(1, x1 - x0), ROW - 4);
          }
        }
      }
      g.setFont(TICK);
      for (int row = 0; row < toys.size(); row++) {
        String label = String.format(Locale.ROOT, "%s  %.0f%%", toys.get(row), 100 * timeline.phaseOneShare().get(row));
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, LEFT - 10 - g.getFontMetrics().stringWidth(label), TOP + row * ROW + ROW / 2 + 4);
        g.setColor(new Color(230, 230, 230));
        g.drawLine(LEFT, TOP + (row + 1) * ROW, LEFT + plotWidth, TOP + (row + 1) * ROW);
      }
      int bottom = TOP + toys.size() * ROW;
      for (long second = 0; second * 1000 <= endMs; second += Math.max(1, endMs / 1000 / 10)) {
        int x = LEFT + (int) (second * 1000 * plotWidth / endMs);
        g.setColor(Color.DARK_GRAY);
        g.drawLine(x, bottom, x, bottom + 5);
        centered(g, second + " s", x, bottom + 20);
      }
      int flip = LEFT + (int) (timeline.phaseMs() * plotWidth / endMs);
      g.setColor(new Color(214, 39, 40));
      g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
      g.drawLine(flip, TOP - 8, flip, bottom);
      g.setStroke(new BasicStroke(1));
      g.drawString("popularity reversed", flip + 6, TOP - 2);
      g.setColor(Color.BLACK);
      g.drawRect(LEFT, TOP, plotWidth, bottom - TOP);
      g.setFont(LABEL);
      centered(g, "time since the skewed load started (darker: more recently used; % = share of queries in phase 1)",
          LEFT + plotWidth / 2, bottom + 48);
      g.setFont(TITLE);
      centered(g, String.format(Locale.ROOT, "What the LRU cache (%d of %d toys) holds under a Zipf(s=%.1f) workload",
          timeline.capacity(), toys.size(), timeline.zipfExponent()), WIDTH / 2, 30);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Most recently used (rank 0) darkest, least recently used lightest. */
  private static Color shade(int rank, int capacity) {
    double light = capacity <= 1 ? 0 : 0.6 * rank / (capacity - 1);
    return new Color(
        blend(CACHED.getRed(), light), blend(CACHED.getGreen(), light), blend(CACHED.getBlue(), light));
  }

  private static int blend(int channel, double towardsWhite) {
    return (int) Math.round(channel + (255 - channel) * towardsWhite);
  }

  private static void centered(Graphics2D g, String text, int x, int y) {
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(text, x - metrics.stringWidth(text) / 2, y);
  }
}
