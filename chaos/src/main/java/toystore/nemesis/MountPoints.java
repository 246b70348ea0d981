package toystore.nemesis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a directory is a mount point, from the kernel's mount table ({@code /proc/self/mountinfo}). */
final class MountPoints {
  static final MountPoints SYSTEM = new MountPoints(Path.of("/proc/self/mountinfo"));
  private static final Pattern ESCAPE = Pattern.compile("\\\\([0-7]{3})");

  private final Path mountinfo;

  MountPoints(Path mountinfo) {
    this.mountinfo = mountinfo;
  }

  /** Whether {@code dir} (absolute) is where a filesystem is mounted; never without a mount table. */
  boolean isMountPoint(Path dir) {
    if (!Files.isReadable(mountinfo)) {
      return false;
    }
    String wanted = dir.toString();
    try {
      return Files.readAllLines(mountinfo).stream()
          .map(line -> line.split(" "))
          .anyMatch(fields -> fields.length > 4 && unescape(fields[4]).equals(wanted));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + mountinfo + ": " + e.getMessage(), e);
    }
  }

  /** The mount point field escapes a space, tab, newline and backslash in octal ({@code \040}). */
  static String unescape(String field) {
    Matcher m = ESCAPE.matcher(field);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
    }
    return m.appendTail(out).toString();
  }
}
