package toystore.nemesis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a directory is a filesystem of its own that the disk-full fault may fill (docs/DESIGN.md
 * "Disk faults"), from the kernel's mount table ({@code /proc/self/mountinfo}) and the directory's
 * device. Strict on purpose: a bind mount or a volume of a shared disk is a mount point too, and
 * filling it would fill everyone's disk. Only a whole tmpfs (root {@code /}) mounted there alone,
 * mounted nowhere else, no larger than {@link #MAX_BYTES}, passes.
 */
final class MountPoints {
  /** A tmpfs lives in RAM: filling a larger one would take that much memory from the machine. */
  static final long MAX_BYTES = 1L << 30;
  static final MountPoints SYSTEM = new MountPoints(Path.of("/proc/self/mountinfo"),
      dir -> Files.getAttribute(dir, "unix:dev"), dir -> Files.getFileStore(dir).getTotalSpace());
  private static final Pattern ESCAPE = Pattern.compile("\\\\([0-7]{3})");
  private static final String FIX = "; mount a small tmpfs there (e.g. mount -t tmpfs -o size=4m tmpfs <dir>) before the store starts";

  /** What the filesystem says of a directory; may fail like any file operation. */
  interface Probe<T> {
    T of(Path dir) throws IOException;
  }

  /** One line of mountinfo: the fields the check needs (proc(5): major:minor, root, mount point, fs type). */
  record Mount(String device, String root, String mountPoint, String fsType) {
    /** Null for a line that is not in the kernel's format. */
    static Mount parse(String line) {
      String[] fields = line.split(" ");
      int separator = List.of(fields).indexOf("-");
      if (fields.length < 6 || separator < 6 || separator + 1 >= fields.length) {
        return null;
      }
      return new Mount(fields[2], unescape(fields[3]), unescape(fields[4]), fields[separator + 1]);
    }
  }

  private final Path mountinfo;
  private final Probe<Object> device;
  private final Probe<Long> size;

  /**
   * @param device a directory's device ({@code unix:dev}), to compare with its parent's
   * @param size the size in bytes of the filesystem a directory is on
   */
  MountPoints(Path mountinfo, Probe<Object> device, Probe<Long> size) {
    this.mountinfo = mountinfo;
    this.device = device;
    this.size = size;
  }

  /**
   * Why {@code dir} (a real path: absolute, no symbolic links) may not be filled, or null when it may.
   *
   * @throws IOException when the mount table or the directory cannot be read
   */
  String refusal(Path dir) throws IOException {
    String notOwn = dir + " is not a filesystem of its own (";
    String why = notOwn(dir);
    if (why != null) {
      return notOwn + why + "): filling it could fill a disk other programs share" + FIX;
    }
    long bytes = size.of(dir);
    if (bytes > MAX_BYTES) {
      return String.format(Locale.ROOT, "%s is a tmpfs of %d MiB, over the %d MiB the agent fills: a tmpfs is RAM, "
          + "filling it would take that much memory from the machine; mount a smaller one", dir, bytes >> 20, MAX_BYTES >> 20);
    }
    return null;
  }

  private String notOwn(Path dir) throws IOException {
    if (!Files.isReadable(mountinfo)) {
      return "no mount table at " + mountinfo;
    }
    List<Mount> table = table();
    if (table.contains(null)) {
      return "a line of " + mountinfo + " not understood"; // what it hides cannot be known
    }
    String wanted = dir.toString();
    int last = -1;
    for (int i = 0; i < table.size(); i++) {
      if (table.get(i).mountPoint().equals(wanted)) {
        last = i; // a later mount on the same point hides the earlier ones
      }
    }
    if (last < 0) {
      return "not a mount point";
    }
    Mount mount = table.get(last);
    if (!mount.root().equals("/")) {
      return "a bind mount of " + mount.root() + " of another filesystem";
    }
    if (!mount.fsType().equals("tmpfs")) {
      return "a filesystem of type " + mount.fsType() + ", not a tmpfs";
    }
    for (int i = 0; i < table.size(); i++) {
      if (i != last && table.get(i).device().equals(mount.device())) {
        return "its device " + mount.device() + " is also mounted on " + table.get(i).mountPoint();
      }
    }
    if (dir.getParent() == null || device.of(dir).equals(device.of(dir.getParent()))) {
      return "on the same device as its parent directory";
    }
    return null;
  }

  private List<Mount> table() throws IOException {
    List<Mount> table = new ArrayList<>();
    for (String line : Files.readAllLines(mountinfo)) {
      table.add(Mount.parse(line));
    }
    return table;
  }

  /** Mountinfo escapes a space, tab, newline and backslash in octal ({@code \040}). */
  static String unescape(String field) {
    Matcher m = ESCAPE.matcher(field);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
    }
    return m.appendTail(out).toString();
  }
}
