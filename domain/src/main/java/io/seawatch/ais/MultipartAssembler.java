package io.seawatch.ais;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequential reassembly for a single ordered stream (the CLI): feed sentences in order. Not
 * thread-safe. Every sentence given to {@link #add} comes back exactly once: in a completed list,
 * from {@link #drainOrphans}, {@link #expire} or {@link #flush}.
 */
public final class MultipartAssembler {
  private static final class Pending {
    final List<NmeaSentence> fragments = new ArrayList<>(4);
    final long startMillis;

    Pending(long startMillis) {
      this.startMillis = startMillis;
    }
  }

  private final long timeoutMillis;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final List<NmeaSentence> orphans = new ArrayList<>();

  public MultipartAssembler(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Returns the completed fragment list when this sentence completes a message (single-part: the
   * list of itself), else empty list; fragments it displaces (a new fragment 1 for the same key, a
   * gap in numbering) are returned via drainOrphans().
   */
  public List<NmeaSentence> add(NmeaSentence s, long nowMillis) {
    if (!s.isMultipart()) {
      return List.of(s);
    }
    String key = s.multipartKey();
    Pending p = pending.get(key);
    if (s.fragmentNumber() == 1) {
      if (p != null) {
        orphans.addAll(p.fragments); // superseded by a new message with the same key
      }
      p = new Pending(nowMillis);
      pending.put(key, p);
    } else if (p == null) {
      orphans.add(s); // its first fragment was never seen
      return List.of();
    } else if (p.fragments.size() + 1 != s.fragmentNumber()
        || p.fragments.get(0).fragmentCount() != s.fragmentCount()) {
      orphans.addAll(p.fragments); // gap: neither part can complete any more
      orphans.add(s);
      pending.remove(key);
      return List.of();
    }
    p.fragments.add(s);
    if (p.fragments.size() == s.fragmentCount()) {
      pending.remove(key);
      return p.fragments;
    }
    return List.of();
  }

  /** Orphans since the last call. */
  public List<NmeaSentence> drainOrphans() {
    if (orphans.isEmpty()) {
      return List.of();
    }
    List<NmeaSentence> out = new ArrayList<>(orphans);
    orphans.clear();
    return out;
  }

  /** Removes and returns the fragments of messages started more than the timeout before now. */
  public List<NmeaSentence> expire(long nowMillis) {
    if (pending.isEmpty()) {
      return List.of();
    }
    List<NmeaSentence> out = null;
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (nowMillis - p.startMillis > timeoutMillis) {
        if (out == null) {
          out = new ArrayList<>();
        }
        out.addAll(p.fragments);
        it.remove();
      }
    }
    return out == null ? List.of() : out;
  }

  /** Everything still pending (end of input). */
  public List<NmeaSentence> flush() {
    List<NmeaSentence> out = new ArrayList<>();
    for (Pending p : pending.values()) {
      out.addAll(p.fragments);
    }
    pending.clear();
    return out;
  }

  /** Number of messages waiting for more fragments. */
  public int pendingMessages() {
    return pending.size();
  }
}
