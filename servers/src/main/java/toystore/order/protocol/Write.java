package toystore.order.protocol;

import java.util.List;
import toystore.wire.order.Entry;

/**
 * One synced transaction on the replica's disk. A write either happens whole or not at all; the
 * replica learns which from {@link Input.Persisted} or {@link Input.PersistFailed}.
 */
public sealed interface Write {
  /** The epoch promised: nothing older is accepted from now on. */
  record SetEpoch(long epoch) implements Write {}

  /** The epoch whose leader's log this log now follows (VR's last normal view). */
  record SetNormalEpoch(long epoch) implements Write {}

  /** Entries after the last one, and the commit number (never above the last number). */
  record AppendEntries(List<Entry> entries, long commitNumber) implements Write {}

  /**
   * Everything from {@code from} on replaced by {@code entries}, the log marked as following
   * {@code normalEpoch}'s leader, and the commit number: in one transaction.
   */
  record ReplaceFrom(long from, List<Entry> entries, long normalEpoch, long commitNumber) implements Write {}

  /** The commit number alone (written lazily: a lower number on disk is always safe). */
  record SetCommit(long commitNumber) implements Write {}
}
