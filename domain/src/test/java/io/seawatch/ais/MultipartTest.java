package io.seawatch.ais;

import static io.seawatch.ais.Payload.sentence;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import io.seawatch.ais.FragmentMatcher.Fragment;
import io.seawatch.ais.FragmentMatcher.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class MultipartTest {
  // gpsd sample type 5, two fragments.
  private static final String P1 =
      "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8";
  private static final String P2 = "88888888880";

  private static NmeaSentence frag(int count, int number, int seq, String payload, int fill)
      throws AisException {
    return NmeaSentence.parse(
        sentence("AIVDM," + count + "," + number + "," + seq + ",A," + payload + "," + fill));
  }

  private static List<Long> positions(List<Fragment> fragments) {
    List<Long> out = new ArrayList<>();
    for (Fragment f : fragments) {
      out.add(f.position());
    }
    return out;
  }

  @Test
  public void assemblerCompletesAndDecodes() throws AisException {
    MultipartAssembler a = new MultipartAssembler(60_000);
    NmeaSentence f1 = frag(2, 1, 1, P1, 0);
    NmeaSentence f2 = frag(2, 2, 1, P2, 2);
    assertEquals(List.of(), a.add(f1, 0));
    List<NmeaSentence> done = a.add(f2, 10);
    assertEquals(List.of(f1, f2), done);
    assertEquals(351759000, AisDecoder.decode(done).mmsi());
    assertEquals(List.of(), a.drainOrphans());
    assertEquals(List.of(), a.flush());
    NmeaSentence single = NmeaSentence.parse("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");
    assertEquals(List.of(single), a.add(single, 20));
  }

  @Test
  public void newFirstFragmentSupersedesStaleOne() throws AisException {
    MultipartAssembler a = new MultipartAssembler(60_000);
    NmeaSentence stale = frag(2, 1, 1, P1, 0);
    NmeaSentence fresh = frag(2, 1, 1, P1, 0);
    NmeaSentence last = frag(2, 2, 1, P2, 2);
    a.add(stale, 0);
    assertEquals(List.of(), a.add(fresh, 1));
    List<NmeaSentence> orphans = a.drainOrphans();
    assertEquals(1, orphans.size());
    assertSame(stale, orphans.get(0));
    List<NmeaSentence> done = a.add(last, 2);
    assertSame(fresh, done.get(0));
    assertSame(last, done.get(1));
    assertEquals(List.of(), a.drainOrphans());
  }

  @Test
  public void gapsAndStrayFragmentsAreOrphans() throws AisException {
    MultipartAssembler a = new MultipartAssembler(60_000);
    NmeaSentence stray = frag(2, 2, 4, P2, 2);
    assertEquals(List.of(), a.add(stray, 0));
    assertEquals(List.of(stray), a.drainOrphans());
    NmeaSentence t1 = frag(3, 1, 5, P1, 0);
    NmeaSentence t3 = frag(3, 3, 5, P2, 2);
    a.add(t1, 0);
    assertEquals(List.of(), a.add(t3, 1));
    assertEquals(List.of(t1, t3), a.drainOrphans());
    assertEquals(0, a.pendingMessages());
  }

  @Test
  public void expireAndFlushReturnPendingFragments() throws AisException {
    MultipartAssembler a = new MultipartAssembler(1_000);
    NmeaSentence old = frag(2, 1, 1, P1, 0);
    NmeaSentence young = frag(2, 1, 2, P1, 0);
    a.add(old, 0);
    a.add(young, 900);
    assertEquals(List.of(), a.expire(1_000));
    assertEquals(List.of(old), a.expire(1_001));
    assertEquals(1, a.pendingMessages());
    assertEquals(List.of(young), a.flush());
    assertEquals(0, a.pendingMessages());
  }

  @Test
  public void tagBlockGroupsKeyTheMessage() throws AisException {
    String g1 = "s:r1,g:1-2-77";
    String g2 = "s:r1,g:2-2-77";
    // Different sequence ids and channels: the tag-block group still ties them together.
    NmeaSentence f1 = NmeaSentence.parse("\\" + g1 + "*" + Payload.checksum(g1) + "\\"
        + sentence("AIVDM,2,1,1,A," + P1 + ",0"));
    NmeaSentence f2 = NmeaSentence.parse("\\" + g2 + "*" + Payload.checksum(g2) + "\\"
        + sentence("AIVDM,2,2,,B," + P2 + ",2"));
    assertEquals(f1.multipartKey(), f2.multipartKey());
    MultipartAssembler a = new MultipartAssembler(60_000);
    a.add(f1, 0);
    assertEquals(List.of(f1, f2), a.add(f2, 0));
  }

  @Test
  public void matcherTakesConsecutiveRunsAndLeavesTheRestPending() throws AisException {
    List<Fragment> in = List.of(
        new Fragment(10, frag(2, 1, 1, P1, 0)),
        new Fragment(11, frag(2, 2, 1, P2, 2)),
        new Fragment(20, frag(2, 1, 1, P1, 0)), // superseded by 21
        new Fragment(21, frag(2, 1, 1, P1, 0)),
        new Fragment(22, frag(2, 2, 1, P2, 2)),
        new Fragment(30, frag(2, 2, 1, P2, 2)), // stray second part
        new Fragment(40, frag(2, 1, 1, P1, 0))); // still waiting
    Result r = FragmentMatcher.match(in);
    assertEquals(2, r.complete().size());
    assertEquals(List.of(10L, 11L), positions(r.complete().get(0)));
    assertEquals(List.of(21L, 22L), positions(r.complete().get(1)));
    assertEquals(List.of(20L, 30L, 40L), positions(r.pending()));
  }

  @Test
  public void matcherResultDoesNotDependOnInputOrder() throws AisException {
    List<Fragment> in = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      in.add(new Fragment(2L * i, frag(2, 1, 3, P1, 0)));
      if (i % 3 != 0) {
        in.add(new Fragment(2L * i + 1, frag(2, 2, 3, P2, 2)));
      }
    }
    // Duplicate position: same line seen twice (e.g. re-delivery).
    in.add(new Fragment(4, frag(2, 1, 3, P1, 0)));
    Result expected = FragmentMatcher.match(in);
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      List<Fragment> shuffled = new ArrayList<>(in);
      Collections.shuffle(shuffled, random);
      Result r = FragmentMatcher.match(shuffled);
      assertEquals(describe(expected), describe(r));
    }
    assertEquals(26, expected.complete().size());
    assertEquals(15, expected.pending().size());
  }

  private static String describe(Result r) {
    StringBuilder sb = new StringBuilder();
    for (List<Fragment> c : r.complete()) {
      sb.append(positions(c)).append(';');
    }
    sb.append('|');
    for (Fragment f : r.pending()) {
      sb.append(f.position()).append(':').append(f.sentence().raw()).append(';');
    }
    return sb.toString();
  }
}
