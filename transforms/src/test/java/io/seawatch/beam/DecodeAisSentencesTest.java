package io.seawatch.beam;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.RawLineCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.MessageHash;
import io.seawatch.model.Origin;
import io.seawatch.model.RawLine;
import io.seawatch.model.VesselPosition;
import io.seawatch.model.VesselStatic;
import io.seawatch.testdata.AisPayload;
import io.seawatch.testdata.GarbageManifest;
import io.seawatch.testdata.GarbageSet;
import io.seawatch.testdata.GeneratedFleet;
import io.seawatch.testdata.Nmea;
import io.seawatch.testdata.PositionReportA;
import io.seawatch.testdata.Scenarios;
import io.seawatch.testdata.StaticVoyageData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class DecodeAisSentencesTest {
  private static final long T0 = 1_717_200_000_000L; // 2024-06-01T00:00:00Z

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final PositionReportA POSITION =
      new PositionReportA(1, 0, 244123456, 0, 0, 123, true, 2_700_000, 31_260_000, 2240, 215, 33,
          0, false, 0);

  private static final StaticVoyageData VOYAGE_A =
      new StaticVoyageData(0, 244123456, 0, 9134270, "PDAB", "NORTH STAR", 70, 120, 30, 10, 12, 1,
          6, 2, 14, 30, 95, "ROTTERDAM", false);

  private static final StaticVoyageData VOYAGE_B =
      new StaticVoyageData(0, 244654321, 0, 0, "PDXY", "SOUTH WIND", 80, 200, 40, 16, 16, 1,
          0, 0, 24, 60, 0, "", false);

  private static String tagged(String station, long millis, String sentence) {
    return Nmea.tagBlock(station, millis / 1000) + sentence;
  }

  private static RawLine line(long offset, String text) {
    return new RawLine(text, Origin.kafka("ais.nmea", 0, offset));
  }

  /** The fragments of a multipart payload with a chosen sequence id. */
  private static List<String> fragments(AisPayload payload, int seq, char channel) {
    List<String> parts = Nmea.fragments(payload.payload());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      out.add(Nmea.sentence(parts.size(), i + 1, String.valueOf(seq), channel, parts.get(i),
          i == parts.size() - 1 ? payload.fillBits() : 0));
    }
    return out;
  }

  @Test
  public void decodesOnePositionToExactValues() {
    AisPayload payload = POSITION.encode();
    String sentence = Nmea.sentence(1, 1, "", 'A', payload.payload(), payload.fillBits());
    PCollectionTuple out = decode(Create.timestamped(
        TimestampedValue.of(line(7, tagged("rec1", T0, sentence)), new Instant(T0))));

    PAssert.that(out.get(DecodeAisSentences.POSITIONS))
        .containsInAnyOrder(
            new VesselPosition(244123456, T0, 1, 52.1, 4.5, 12.3, 224.0, 215, 0, true, 33,
                MessageHash.of(T0, payload.payload()), "rec1"));
    PAssert.that(out.get(DecodeAisSentences.STATICS)).empty();
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES)).containsInAnyOrder(1);
    PAssert.that(out.get(DecodeAisSentences.DEAD_LETTERS)).empty();
    p.run();
  }

  /**
   * The parts are the flattened outputs unflattened: a single-sentence position comes out of the
   * parser, a two-sentence type 5 out of the reassembly.
   */
  @Test
  public void partsSplitParsedFromReassembledMessages() {
    AisPayload payload = POSITION.encode();
    String sentence = Nmea.sentence(1, 1, "", 'A', payload.payload(), payload.fillBits());
    List<String> voyage = fragments(VOYAGE_A.encode(), 3, 'B');
    PCollectionTuple out = decode(Create.timestamped(
        TimestampedValue.of(line(1, tagged("rec1", T0, sentence)), new Instant(T0)),
        TimestampedValue.of(line(2, tagged("rec1", T0, voyage.get(0))), new Instant(T0)),
        TimestampedValue.of(line(3, tagged("rec1", T0, voyage.get(1))), new Instant(T0))));

    assertEquals(DecodeAisSentences.PART_NAMES, List.of("Parsed", "Reassembled"));
    PCollectionList<Integer> types = DecodeAisSentences.parts(out, DecodeAisSentences.MESSAGE_TYPES);
    PAssert.that(types.get(0)).containsInAnyOrder(1);
    PAssert.that(types.get(1)).containsInAnyOrder(5);
    PCollectionList<VesselPosition> positions =
        DecodeAisSentences.parts(out, DecodeAisSentences.POSITIONS);
    PAssert.that(positions.get(0))
        .containsInAnyOrder(
            new VesselPosition(244123456, T0, 1, 52.1, 4.5, 12.3, 224.0, 215, 0, true, 33,
                MessageHash.of(T0, payload.payload()), "rec1"));
    PAssert.that(positions.get(1)).empty();
    PCollectionList<VesselStatic> statics = DecodeAisSentences.parts(out, DecodeAisSentences.STATICS);
    PAssert.that(statics.get(0)).empty();
    PAssert.that(statics.get(1))
        .containsInAnyOrder(
            new VesselStatic(244123456, T0, 5, 9134270, "PDAB", "NORTH STAR", 70, 120, 30, 10, 12,
                9.5, "ROTTERDAM", "06-02T14:30Z"));
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES)).containsInAnyOrder(1, 5);
    p.run();
  }

  /**
   * Two type 5 messages share sequence id 3 on channel B, their fragments arrive out of order and
   * interleaved, and a stray fragment 1 with the same key never gets its partner: both messages
   * decode, the stray one becomes a dead letter once the watermark passes its timeout.
   */
  @Test
  public void reassemblesOutOfOrderFragmentsByStreamPosition() {
    List<String> a = fragments(VOYAGE_A.encode(), 3, 'B');
    List<String> b = fragments(VOYAGE_B.encode(), 3, 'B');
    String stray = a.get(0);
    Instant t = new Instant(T0);
    TestStream<RawLine> stream =
        TestStream.create(RawLineCoder.of())
            .addElements(
                TimestampedValue.of(line(11, tagged("rec1", T0 + 2000, b.get(1))), t.plus(2000)),
                TimestampedValue.of(line(1, tagged("rec1", T0, a.get(0))), t),
                TimestampedValue.of(line(10, tagged("rec1", T0 + 2000, b.get(0))), t.plus(2000)))
            .addElements(
                TimestampedValue.of(line(20, tagged("rec1", T0 + 5000, stray)), t.plus(5000)),
                TimestampedValue.of(line(2, tagged("rec1", T0, a.get(1))), t))
            .advanceWatermarkToInfinity();

    PCollectionTuple out = decode(stream);

    PAssert.that(out.get(DecodeAisSentences.STATICS))
        .containsInAnyOrder(
            new VesselStatic(244123456, T0, 5, 9134270, "PDAB", "NORTH STAR", 70, 120, 30, 10, 12,
                9.5, "ROTTERDAM", "06-02T14:30Z"),
            new VesselStatic(244654321, T0 + 2000, 5, null, "PDXY", "SOUTH WIND", 80, 200, 40, 16,
                16, null, null, null));
    PAssert.that(out.get(DecodeAisSentences.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(tagged("rec1", T0 + 5000, stray), DeadLetter.Stage.MULTIPART,
                "incomplete multipart message: fragment 1 of 2 without its other fragments within"
                    + " 120 s",
                Origin.kafka("ais.nmea", 0, 20), T0 + 5000));
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES)).containsInAnyOrder(5, 5);
    p.run();
  }

  /**
   * Two messages with the same key two years apart in event time (a replay mixes tag-block times
   * with Kafka record times of today). Once the first is matched, the key's timer must jump to the
   * second message's time, not poll every 10 s of event time across the gap (millions of firings:
   * on Flink the operator spun in one watermark advance and no checkpoint ever completed).
   */
  @Test
  public void fragmentsFarApartInEventTimeDoNotPollThroughTheGap() {
    List<String> a = fragments(VOYAGE_A.encode(), 3, 'B');
    List<String> b = fragments(VOYAGE_B.encode(), 3, 'B');
    long later = T0 + Duration.standardDays(730).getMillis();
    Instant t = new Instant(T0);
    TestStream<RawLine> stream =
        TestStream.create(RawLineCoder.of())
            .addElements(
                TimestampedValue.of(line(1, tagged("rec1", T0, a.get(0))), t),
                TimestampedValue.of(line(2, tagged("rec1", T0, a.get(1))), t),
                TimestampedValue.of(line(3, tagged("rec1", later, b.get(0))), new Instant(later)),
                TimestampedValue.of(line(4, tagged("rec1", later, b.get(1))), new Instant(later)))
            .advanceWatermarkToInfinity();

    PCollectionTuple out = decode(stream);

    PAssert.that(out.get(DecodeAisSentences.STATICS))
        .containsInAnyOrder(
            new VesselStatic(244123456, T0, 5, 9134270, "PDAB", "NORTH STAR", 70, 120, 30, 10, 12,
                9.5, "ROTTERDAM", "06-02T14:30Z"),
            new VesselStatic(244654321, later, 5, null, "PDXY", "SOUTH WIND", 80, 200, 40, 16,
                16, null, null, null));
    PAssert.that(out.get(DecodeAisSentences.DEAD_LETTERS)).empty();
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES)).containsInAnyOrder(5, 5);
    p.run();
  }

  /** Watermark at arrival of the late satellite fragments below: three hours past them. */
  private static final long LATE_W = T0 + Duration.standardHours(3).getMillis();

  /** A TestStream of two late fragments with the watermark advanced to {@code secondW} between. */
  private static TestStream<RawLine> lateFragments(List<String> frags, long secondW) {
    return TestStream.create(RawLineCoder.of())
        .advanceWatermarkTo(new Instant(LATE_W))
        .addElements(TimestampedValue.of(line(1, tagged("sat1", T0, frags.get(0))), new Instant(T0)))
        .advanceWatermarkTo(new Instant(secondW))
        .addElements(TimestampedValue.of(line(2, tagged("sat1", T0, frags.get(1))), new Instant(T0)))
        .advanceWatermarkToInfinity();
  }

  /**
   * Satellite fragments hours behind the watermark, with a watermark advance between the two (a
   * bundle boundary on Flink). A late fragment gets the same grace as an on-time one, counted
   * from the watermark at its arrival, so the pair decodes as in a batch run. Before, the timer
   * (event time + timeout) was already behind the watermark and dead-lettered fragment 1 at the
   * advance, before fragment 2 arrived.
   */
  @Test
  public void lateFragmentsSplitByAWatermarkAdvanceStillPair() {
    List<String> a = fragments(VOYAGE_A.encode(), 3, 'B');
    PCollectionTuple out = decode(lateFragments(a, LATE_W + 119_000));

    PAssert.that(out.get(DecodeAisSentences.STATICS))
        .containsInAnyOrder(
            new VesselStatic(244123456, T0, 5, 9134270, "PDAB", "NORTH STAR", 70, 120, 30, 10, 12,
                9.5, "ROTTERDAM", "06-02T14:30Z"));
    PAssert.that(out.get(DecodeAisSentences.DEAD_LETTERS)).empty();
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES)).containsInAnyOrder(5);
    p.run();
  }

  /**
   * A restore (or the job's start): the operator sees fragment 1 before any watermark, then the
   * watermark jumps hours past it before fragment 2 is read. Fragment 1's deadline comes from that
   * first watermark, so the pair decodes as in a batch run; with event time + 120 s the jump
   * dead-lettered both (issue 12: pairs split "right after restores").
   */
  @Test
  public void fragmentsSplitByTheFirstWatermarkAfterARestorePair() {
    List<String> a = fragments(VOYAGE_A.encode(), 3, 'B');
    TestStream<RawLine> stream = TestStream.create(RawLineCoder.of())
        .addElements(TimestampedValue.of(line(1, tagged("sat1", T0, a.get(0))), new Instant(T0)))
        .advanceWatermarkTo(new Instant(LATE_W))
        .addElements(TimestampedValue.of(line(2, tagged("sat1", T0, a.get(1))), new Instant(T0)))
        .advanceWatermarkToInfinity();
    PCollectionTuple out = decode(stream);

    PAssert.that(out.get(DecodeAisSentences.STATICS))
        .containsInAnyOrder(
            new VesselStatic(244123456, T0, 5, 9134270, "PDAB", "NORTH STAR", 70, 120, 30, 10, 12,
                9.5, "ROTTERDAM", "06-02T14:30Z"));
    PAssert.that(out.get(DecodeAisSentences.DEAD_LETTERS)).empty();
    p.run();
  }

  /**
   * A late fragment whose partner comes only after the watermark passed its arrival watermark
   * plus the timeout is a dead letter; the partner, alone then, becomes one too.
   */
  @Test
  public void lateOrphanBecomesDeadLetterOnceWatermarkPassesArrivalPlusTimeout() {
    List<String> a = fragments(VOYAGE_A.encode(), 3, 'B');
    PCollectionTuple out = decode(lateFragments(a, LATE_W + 121_000));

    String reason = " of 2 without its other fragments within 120 s";
    PAssert.that(out.get(DecodeAisSentences.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(tagged("sat1", T0, a.get(0)), DeadLetter.Stage.MULTIPART,
                "incomplete multipart message: fragment 1" + reason,
                Origin.kafka("ais.nmea", 0, 1), T0),
            new DeadLetter(tagged("sat1", T0, a.get(1)), DeadLetter.Stage.MULTIPART,
                "incomplete multipart message: fragment 2" + reason,
                Origin.kafka("ais.nmea", 0, 2), T0));
    PAssert.that(out.get(DecodeAisSentences.STATICS)).empty();
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES)).empty();
    p.run();
  }

  /**
   * The key's timer is the earliest pending deadline, not the deadline of the earliest fragment:
   * an on-time fragment 1 of message B is due 120 s after its time even though a late fragment of
   * message A (earlier event time, later deadline) arrived after it. B's fragment 2 comes after
   * that, so B's parts are dead letters, while A pairs within the grace of its arrival.
   */
  @Test
  public void onTimeFragmentKeepsItsDeadlineWhenALateEarlierFragmentArrives() {
    List<String> a = fragments(VOYAGE_A.encode(), 3, 'B');
    List<String> b = fragments(VOYAGE_B.encode(), 3, 'B');
    long b1 = LATE_W + 5000;
    long b2 = LATE_W + 6000;
    TestStream<RawLine> stream =
        TestStream.create(RawLineCoder.of())
            .advanceWatermarkTo(new Instant(LATE_W))
            .addElements(TimestampedValue.of(line(1, tagged("sat1", b1, b.get(0))), new Instant(b1)))
            .advanceWatermarkTo(new Instant(LATE_W + 60_000))
            .addElements(TimestampedValue.of(line(3, tagged("sat1", T0, a.get(0))), new Instant(T0)))
            .advanceWatermarkTo(new Instant(LATE_W + 150_000))
            .addElements(
                TimestampedValue.of(line(2, tagged("sat1", b2, b.get(1))), new Instant(b2)),
                TimestampedValue.of(line(4, tagged("sat1", T0, a.get(1))), new Instant(T0)))
            .advanceWatermarkToInfinity();

    PCollectionTuple out = decode(stream);

    String reason = " of 2 without its other fragments within 120 s";
    PAssert.that(out.get(DecodeAisSentences.STATICS))
        .containsInAnyOrder(
            new VesselStatic(244123456, T0, 5, 9134270, "PDAB", "NORTH STAR", 70, 120, 30, 10, 12,
                9.5, "ROTTERDAM", "06-02T14:30Z"));
    PAssert.that(out.get(DecodeAisSentences.DEAD_LETTERS))
        .containsInAnyOrder(
            new DeadLetter(tagged("sat1", b1, b.get(0)), DeadLetter.Stage.MULTIPART,
                "incomplete multipart message: fragment 1" + reason,
                Origin.kafka("ais.nmea", 0, 1), b1),
            new DeadLetter(tagged("sat1", b2, b.get(1)), DeadLetter.Stage.MULTIPART,
                "incomplete multipart message: fragment 2" + reason,
                Origin.kafka("ais.nmea", 0, 2), b2));
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES)).containsInAnyOrder(5);
    p.run();
  }

  @Test
  public void garbageBecomesDeadLettersWithReasonAndOrigin() {
    AisPayload payload = POSITION.encode();
    String good = Nmea.sentence(1, 1, "", 'A', payload.payload(), payload.fillBits());
    String badChecksum = good.substring(0, good.length() - 2) + "7F"; // the right one is 00
    PCollectionTuple out = decode(Create.timestamped(
        TimestampedValue.of(line(1, ""), new Instant(T0)),
        TimestampedValue.of(line(2, "\u0000\u00ff garbage"), new Instant(T0)),
        TimestampedValue.of(line(3, badChecksum), new Instant(T0))));

    PAssert.that(out.get(DecodeAisSentences.DEAD_LETTERS)
            .apply(MapElements.into(TypeDescriptors.strings())
                .via(d -> d.origin() + " " + d.stage() + " " + d.payload().length())))
        .containsInAnyOrder("ais.nmea/0/1 NMEA 0", "ais.nmea/0/2 NMEA 10", "ais.nmea/0/3 NMEA "
            + badChecksum.length());
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES)).empty();
    p.run();
  }

  /**
   * The generated tiny fleet (satellite lines late, multipart with tag-block groups, every kind of
   * corrupt line) read from a file: counts per type and dead letters equal the manifest exactly,
   * so lines in = lines in decoded messages + dead letters.
   */
  @Test
  public void tinyFleetReconcilesWithItsManifest() throws Exception {
    GeneratedFleet fleet = Scenarios.tinyFleet();
    Path file = tmp.getRoot().toPath().resolve("tiny.nmea.gz");
    fleet.write(file);

    PCollection<RawLine> lines = p.apply(ReadAisFromFiles.from(file.toString()));
    PCollectionTuple out = lines.apply(DecodeAisSentences.create());

    Map<Integer, Long> expectedByType = new TreeMap<>(fleet.manifest().messagesByType());
    List<KV<Integer, Long>> expected = new ArrayList<>();
    expectedByType.forEach((k, v) -> expected.add(KV.of(k, v)));
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES).apply(Count.perElement()))
        .containsInAnyOrder(expected);
    PAssert.thatSingleton(out.get(DecodeAisSentences.DEAD_LETTERS).apply(Count.globally()))
        .isEqualTo((long) fleet.manifest().corruptLineCount());
    PAssert.thatSingleton(lines.apply("CountLines", Count.globally()))
        .isEqualTo((long) fleet.manifest().totalLines());
    p.run();
    assertEquals(
        fleet.manifest().totalLines(),
        fleet.manifest().validLines() + fleet.manifest().corruptLineCount());
  }

  /**
   * Hostile input (random bytes, truncated lines, wrong checksums, orphan fragments, absurd values,
   * a 10 kB line, tag blocks without sentences): the pipeline does not fail, every rejected line
   * is exactly one dead letter, and every valid one (lat 91 "not available" is valid) a message.
   */
  @Test
  public void hostileInputNeverCrashesAndReconcilesExactly() {
    GarbageSet garbage = Scenarios.hostileInput();
    List<TimestampedValue<RawLine>> input = new ArrayList<>();
    for (int i = 0; i < garbage.lines().size(); i++) {
      input.add(TimestampedValue.of(line(i, garbage.lines().get(i)), new Instant(T0 + i)));
    }
    PCollectionTuple out = decode(Create.timestamped(input));

    GarbageManifest m = garbage.manifest();
    assertEquals(m.lines(), m.rejectedLines() + m.validLines());
    PAssert.thatSingleton(out.get(DecodeAisSentences.DEAD_LETTERS).apply(Count.globally()))
        .isEqualTo(m.rejectedLines());
    List<KV<Integer, Long>> byType = new ArrayList<>();
    m.validMessagesByType().forEach((k, v) -> byType.add(KV.of(k, v)));
    PAssert.that(out.get(DecodeAisSentences.MESSAGE_TYPES).apply(Count.perElement()))
        .containsInAnyOrder(byType);
    p.run();
  }

  private PCollectionTuple decode(
      org.apache.beam.sdk.transforms.PTransform<
              org.apache.beam.sdk.values.PBegin, PCollection<RawLine>> source) {
    SeawatchCoders.registerOn(p);
    return p.apply(source).setCoder(RawLineCoder.of())
        .apply(DecodeAisSentences.create().withMultipartTimeout(Duration.standardMinutes(2)));
  }
}
