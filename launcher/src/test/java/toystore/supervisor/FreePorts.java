package toystore.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Free loopback ports for a test, in aligned blocks of {@link #BLOCK}: a block is free when this JVM
 * does not hold it, no other JVM holds its lock file ({@code <java.io.tmpdir>/toystore-ports/<base>.lock},
 * locked until the block is closed) and every one of its ports binds on 127.0.0.1 now. Aligned blocks
 * never overlap, so one lock per block keeps two test JVMs apart. Bases stay within 10000..65535 (clear
 * of the well-known ports and the original design's defaults) and outside the kernel's ephemeral range,
 * where outgoing connections take their source ports. A cluster's agent port is its block's base, so
 * its source addresses {@code 127.A.B.n} (docs/DESIGN.md) are its own too.
 *
 * <pre>{@code
 * try (FreePorts.Block ports = FreePorts.reserve(6)) { ... "--port-base", Integer.toString(ports.base()) ... }
 * }</pre>
 */
public final class FreePorts {
  /** Ports per block: a cluster of up to 13 replicas (agent, frontend, catalog and the replicas). */
  public static final int BLOCK = 16;
  private static final int LOWEST = 10_000;
  private static final int ATTEMPTS = 200;
  /** One per test JVM, its walk seeded by the pid so that two JVMs start at different blocks. */
  private static final FreePorts JVM = new FreePorts(new Random(ProcessHandle.current().pid()),
      Path.of(System.getProperty("java.io.tmpdir"), "toystore-ports"), ephemeralRange());

  private final Random random;
  private final Path lockDir;
  private final List<Integer> bases;
  private final Set<Integer> held = new HashSet<>();

  FreePorts(Random random, Path lockDir, int[] ephemeral) {
    this.random = random;
    this.lockDir = lockDir;
    this.bases = IntStream.iterate(LOWEST, base -> base + BLOCK <= 65536, base -> base + BLOCK)
        .filter(base -> base + BLOCK - 1 < ephemeral[0] || base > ephemeral[1])
        .boxed().toList();
  }

  /** A block of at least {@code count} contiguous free ports, held until it is closed. */
  public static Block reserve(int count) {
    return JVM.next(count);
  }

  Block next(int count) {
    if (count < 1 || count > BLOCK) {
      throw new IllegalArgumentException("a block holds 1-" + BLOCK + " ports, not " + count);
    }
    try {
      Files.createDirectories(lockDir);
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Block block = tryBlock(bases.get(random.nextInt(bases.size())));
        if (block != null) {
          return block;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reserve ports under " + lockDir, e);
    }
    throw new IllegalStateException("no free block of " + BLOCK + " ports after " + ATTEMPTS + " attempts");
  }

  private Block tryBlock(int base) throws IOException {
    // A second channel on a file this JVM has locked would release that lock when closed: ask the set first.
    synchronized (held) {
      if (!held.add(base)) {
        return null;
      }
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockDir.resolve(base + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null && IntStream.range(base, base + BLOCK).allMatch(FreePorts::binds)) {
        Block block = new Block(this, base, channel);
        channel = null;
        return block;
      }
    } finally {
      if (channel != null) {
        channel.close();
        release(base);
      }
    }
    return null;
  }

  private void release(int base) {
    synchronized (held) {
      held.remove(base);
    }
  }

  private static boolean binds(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(ClusterLayout.HOST, port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** The kernel's ephemeral port range; Linux's default where /proc does not say. */
  private static int[] ephemeralRange() {
    try {
      // Not Files.readString: it trusts the size /proc reports and reads a single byte.
      String line = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
      String[] range = line.strip().split("\\s+");
      return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
    } catch (NoSuchFileException notLinux) {
      return new int[] {32768, 60999};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ephemeral port range", e);
    }
  }

  /** Ports {@code base() .. base() + BLOCK - 1}, free for this test until closed. */
  public static final class Block implements AutoCloseable {
    private final FreePorts owner;
    private final int base;
    private final FileChannel lock;

    private Block(FreePorts owner, int base, FileChannel lock) {
      this.owner = owner;
      this.base = base;
      this.lock = lock;
    }

    public int base() {
      return base;
    }

    /** Releases the block: closing the channel drops its lock. */
    @Override
    public void close() throws IOException {
      try {
        lock.close();
      } finally {
        owner.release(base);
      }
    }
  }
}
