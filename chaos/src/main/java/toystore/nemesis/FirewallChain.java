package toystore.nemesis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one iptables chain a store may change, named after the store. {@code OUTPUT} jumps to it for
 * loopback traffic only ({@code -o lo}), and it holds nothing but {@link DropRule}s between our
 * own services' addresses, so no other traffic of the machine is ever touched. Every outgoing
 * packet of a connection between two local sockets passes {@code OUTPUT} on {@code lo}, so a rule
 * here cuts new and established connections alike.
 */
final class FirewallChain {
  private final Iptables iptables;
  private final String name;

  FirewallChain(Iptables iptables, String name) {
    if (name.length() > 28) {
      throw new IllegalArgumentException("iptables chain names have at most 28 characters: " + name);
    }
    this.iptables = iptables;
    this.name = name;
  }

  /**
   * Why rules cannot be installed here (no iptables program, not root, no kernel support), or
   * empty when they can. Listing {@code OUTPUT} needs the same privileges as changing it.
   */
  Optional<String> unavailableReason() {
    Iptables.Result result;
    try {
      result = iptables.run(List.of("-S", "OUTPUT"));
    } catch (IOException e) {
      return Optional.of("cannot run " + iptables.binary() + " (" + e.getMessage() + "); partitions need iptables, as root");
    }
    return result.ok() ? Optional.empty()
        : Optional.of(iptables.binary() + " -S OUTPUT failed (" + result.output() + "); partitions need root");
  }

  /** Removes whatever a previous run of this store left behind, then creates the chain empty with its jump. */
  void create() {
    remove();
    iptables.require(List.of("-N", name));
    // First in OUTPUT: after a host's own "-o lo -j ACCEPT" (ufw, many rulesets) it would never be reached.
    iptables.require(List.of("-I", "OUTPUT", "1", "-o", "lo", "-j", name));
  }

  /** Removes every jump to the chain, its rules and the chain itself; a no-op if there is none. */
  void remove() {
    for (List<String> jump : jumps()) {
      iptables.require(jump);
    }
    if (exists()) {
      iptables.require(List.of("-F", name));
      iptables.require(List.of("-X", name));
    }
  }

  void add(DropRule rule) {
    iptables.require(withChain("-A", rule));
  }

  void delete(DropRule rule) {
    iptables.require(withChain("-D", rule));
  }

  /** The jumps from {@code OUTPUT} to this chain, as the commands that delete them (however they were written). */
  private List<List<String>> jumps() {
    List<List<String>> deletes = new ArrayList<>();
    for (String line : iptables.require(List.of("-S", "OUTPUT")).lines().toList()) {
      List<String> words = Arrays.asList(line.strip().split("\\s+"));
      int jump = words.indexOf("-j");
      if (words.get(0).equals("-A") && jump > 0 && jump + 1 < words.size() && words.get(jump + 1).equals(name)) {
        List<String> delete = new ArrayList<>(words);
        delete.set(0, "-D");
        deletes.add(delete);
      }
    }
    return deletes;
  }

  private boolean exists() {
    try {
      return iptables.run(List.of("-S", name)).ok();
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private List<String> withChain(String action, DropRule rule) {
    List<String> args = new ArrayList<>(List.of(action, name));
    args.addAll(rule.arguments());
    return args;
  }
}
